"""The annealing loop compiled from `_kernel.c`, loaded with ctypes, with the Python loop as
fallback.

`make install` compiles `_kernel.c` into `libkernel.so` beside this module (the system C
compiler, no Python package). Where that file is missing or does not load, `run_anneal` runs
`search.anneal` instead, and `compiled()` says which one runs (the solver's name shows it:
`greedy+annealing(c)`). The C loop makes the same proposals with the same delta rules,
acceptance and cooling as `search.anneal`, from its own seeded generator, so a run is
deterministic for a seed and budget on either path (not the same run on both).
"""

from __future__ import annotations

import ctypes
import hashlib
import random
import time
from array import array
from functools import cache
from pathlib import Path

from .search import State, anneal

LIBRARY = Path(__file__).with_name("libkernel.so")
SOURCE = Path(__file__).with_name("_kernel.c")

_int_p = ctypes.POINTER(ctypes.c_int)
_byte_p = ctypes.POINTER(ctypes.c_ubyte)
_double_p = ctypes.POINTER(ctypes.c_double)


def source_sha() -> str | None:
    """The hash the build embeds in the library (first 16 hex digits of the sha256 of
    `_kernel.c`), or None when the source is not there to compare with."""
    try:
        return hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:16]
    except OSError:
        return None


@cache
def load() -> ctypes.CDLL | None:
    """The compiled kernel, or None when it is not built, does not load here, or was built
    from another `_kernel.c` than the one beside it (the source changed and `make install` was
    not run again): calling a stale library whose signature differs would corrupt memory."""
    expected = source_sha()
    if expected is None:
        return None
    try:
        lib = ctypes.CDLL(str(LIBRARY))
        fn = lib.oneteam_anneal
        source = lib.oneteam_kernel_source
    except (OSError, AttributeError):
        return None
    source.restype = ctypes.c_char_p
    source.argtypes = []
    if source() != expected.encode():
        return None
    fn.restype = ctypes.c_longlong
    fn.argtypes = [
        *(ctypes.c_int,) * 4,  # S, R, T, G
        _int_p,
        ctypes.c_int,  # movable, nm
        _int_p,
        _int_p,  # cells_off, cells
        _byte_p,
        _byte_p,  # allowed, fixed
        _int_p,
        _int_p,  # host neighbours
        *(_int_p,) * 5,  # gw, gs_off, gs, sg_off, sg
        _double_p,  # pc
        *(_int_p,) * 6,  # cell, slot, occ, ins, hn, cnt
        *(ctypes.c_double,) * 3,  # wc, t_start, t_end
        ctypes.c_longlong,  # iterations
        ctypes.c_double,  # seconds left
        ctypes.c_ulonglong,  # seed
        ctypes.c_double,  # current total
        _int_p,
        _double_p,  # best cells, best total
    ]
    return lib


def compiled() -> bool:
    return load() is not None


def _ints(values: list[int]) -> array:
    return array("i", values)


def _csr(rows: list[list[int]]) -> tuple[array, array]:
    offsets = [0]
    for row in rows:
        offsets.append(offsets[-1] + len(row))
    return _ints(offsets), _ints([x for row in rows for x in row] or [0])


def _ptr(buf: array | bytearray, kind: type) -> ctypes.Array:
    """A ctypes view of `buf` (no copy; it keeps `buf` alive), passed as a pointer."""
    items: dict[type, type[ctypes.c_int] | type[ctypes.c_ubyte] | type[ctypes.c_double]] = {
        _int_p: ctypes.c_int,
        _byte_p: ctypes.c_ubyte,
        _double_p: ctypes.c_double,
    }
    array_type = items[kind] * len(buf)
    return array_type.from_buffer(buf)


def anneal_c(
    lib: ctypes.CDLL,
    state: State,
    seed: int,
    iterations: int,
    t_start: float,
    t_end: float,
    deadline: float,
) -> tuple[list[int], float, int]:
    """`search.anneal` in C on copies of the state's arrays (the state itself is left as it
    was); `deadline` is on time.perf_counter's clock."""
    inst = state.inst
    S, R, T = inst.S, inst.R, inst.T
    movable = [s for s in range(S) if not inst.fixed[s] and inst.cells[s]]
    if not movable or iterations <= 0:
        return state.cell[:], state.total, 0
    cells_off, cells = _csr(inst.cells)
    hnb_off, hnb = _csr(inst.host_nbrs)
    gs_off, gs = _csr(inst.group_sessions)
    sg_off, sg = _csr(inst.session_groups)
    allowed = bytearray(b"".join(inst.allowed) or b"\0")
    fixed = bytearray(bytes(inst.fixed) or b"\0")
    pc = array("d", [x for row in state.pc for x in row])
    cell, slot, occ = _ints(state.cell), _ints(state.slot), _ints(state.occ)
    ins = _ints([x for row in state.ins for x in row])
    hn = _ints([x for row in state.hn for x in row])
    cnt = _ints([x for row in state.cnt for x in row] or [0])
    best_cells = _ints([0] * S)
    best = ctypes.c_double()
    # The deadline travels as seconds left, so the two clocks never have to agree (both are
    # CLOCK_MONOTONIC on Linux anyway).
    seconds = deadline - time.perf_counter()
    done = lib.oneteam_anneal(
        S,
        R,
        T,
        len(inst.group_weight),
        _ptr(_ints(movable), _int_p),
        len(movable),
        _ptr(cells_off, _int_p),
        _ptr(cells, _int_p),
        _ptr(allowed, _byte_p),
        _ptr(fixed, _byte_p),
        _ptr(hnb_off, _int_p),
        _ptr(hnb, _int_p),
        _ptr(_ints(inst.group_weight or [0]), _int_p),
        _ptr(gs_off, _int_p),
        _ptr(gs, _int_p),
        _ptr(sg_off, _int_p),
        _ptr(sg, _int_p),
        _ptr(pc, _double_p),
        _ptr(cell, _int_p),
        _ptr(slot, _int_p),
        _ptr(occ, _int_p),
        _ptr(ins, _int_p),
        _ptr(hn, _int_p),
        _ptr(cnt, _int_p),
        float(inst.wc),
        t_start,
        t_end,
        iterations,
        seconds,
        seed & 0xFFFFFFFFFFFFFFFF,
        float(state.total),
        _ptr(best_cells, _int_p),
        ctypes.byref(best),
    )
    if done < 0:
        raise MemoryError("annealing kernel: out of memory")
    return best_cells.tolist(), best.value, done


def run_anneal(
    state: State,
    seed: int,
    iterations: int,
    t_start: float,
    t_end: float,
    deadline: float,
) -> tuple[list[int], float, int]:
    """One annealing run: compiled when the kernel is built, else `search.anneal`."""
    lib = load()
    if lib is None:
        return anneal(state, random.Random(seed), iterations, t_start, t_end, deadline)
    return anneal_c(lib, state, seed, iterations, t_start, t_end, deadline)
