/* The annealing loop of oneteam.scheduling.search.anneal in C (loaded with ctypes by kernel.py).
 *
 * Same proposals (a move to a free feasible cell, or a swap with the session there), same delta
 * rules, acceptance and cooling as the Python loop; only the random numbers differ (splitmix64
 * seeded from the seed), so a run is deterministic for a seed and budget. Built by
 * `make install`: cc -O2 -shared -fPIC -DKERNEL_SOURCE_SHA=\"<first 16 hex digits of the
 * sha256 of this file>\" -o libkernel.so _kernel.c -lm
 *
 * Index -1 ("left out") of a slot row is the trailing column T, of a cell row column NC, as in
 * the Python State. The state arrays (cell, slot, occ, ins, hn, cnt) are the caller's copies and
 * are left at the final state; the best cells found go to best_cells.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BLOCK 1024

/* kernel.py refuses a library built from another _kernel.c than the one beside it (a stale
 * build whose signature may differ): the build passes this file's hash in. */
#ifndef KERNEL_SOURCE_SHA
#error "build with -DKERNEL_SOURCE_SHA=\"<sha256 of _kernel.c, first 16 hex digits>\" (see the Makefile)"
#endif
const char *oneteam_kernel_source(void) { return KERNEL_SOURCE_SHA; }

/* splitmix64; the state lives on the caller's stack, so concurrent runs do not share it. */
static inline uint64_t next_u64(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline double next_double(uint64_t *state) {
    return (double)(next_u64(state) >> 11) * 0x1.0p-53;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* What relocate() reads and updates. */
typedef struct {
    int T;
    int *slot;
    int *ins, *hn, *cnt; /* S x (T+1), S x (T+1), G x (T+1) */
    const int *gw, *gs_off, *gs, *sg_off, *sg, *hnb_off, *hnb;
} St;

/* search.State._relocate: s leaves slot ta for tb (either may be -1). */
static void relocate(St *st, int s, int ta, int tb) {
    const int T1 = st->T + 1;
    int *ins = st->ins, *slot = st->slot;
    for (int k = st->sg_off[s]; k < st->sg_off[s + 1]; k++) {
        int g = st->sg[k];
        int w = st->gw[g];
        int *row = st->cnt + (size_t)g * T1;
        int lo = st->gs_off[g], hi = st->gs_off[g + 1];
        if (ta >= 0) {
            int n = --row[ta];
            if (n == 0) {
                for (int j = lo; j < hi; j++)
                    if (st->gs[j] != s) ins[(size_t)st->gs[j] * T1 + ta] -= w;
            } else if (n == 1) {
                for (int j = lo; j < hi; j++) {
                    int s3 = st->gs[j];
                    if (s3 != s && slot[s3] == ta) {
                        ins[(size_t)s3 * T1 + ta] -= w;
                        break;
                    }
                }
            }
        }
        if (tb >= 0) {
            int n = row[tb]++;
            if (n == 0) {
                for (int j = lo; j < hi; j++)
                    if (st->gs[j] != s) ins[(size_t)st->gs[j] * T1 + tb] += w;
            } else if (n == 1) {
                for (int j = lo; j < hi; j++) {
                    int s3 = st->gs[j];
                    if (s3 != s && slot[s3] == tb) {
                        ins[(size_t)s3 * T1 + tb] += w;
                        break;
                    }
                }
            }
        }
    }
    int ca = ta >= 0 ? ta : st->T, cb = tb >= 0 ? tb : st->T;
    for (int k = st->hnb_off[s]; k < st->hnb_off[s + 1]; k++) {
        int *row = st->hn + (size_t)st->hnb[k] * T1;
        row[ca]--;
        row[cb]++;
    }
}

/* Whether s2 is among s's host neighbours (sorted ascending): whether the two share a host. A
 * search in the neighbour lists rather than an S x S table, so memory does not grow with the
 * square of the sessions; the lists are short (hosts run few sessions). */
static inline int shares_host(const int *hnb_off, const int *hnb, int s, int s2) {
    int lo = hnb_off[s], hi = hnb_off[s + 1];
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (hnb[mid] < s2)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < hnb_off[s + 1] && hnb[lo] == s2;
}

/* Returns the number of evaluations done, or -1 when memory ran out. */
long long oneteam_anneal(
    int S, int R, int T, int G,
    const int *movable, int nm,
    const int *cells_off, const int *cells,
    const unsigned char *allowed, /* S x NC */
    const unsigned char *fixed,   /* S */
    const int *hnb_off, const int *hnb,
    const int *gw, const int *gs_off, const int *gs, const int *sg_off, const int *sg,
    const double *pc,
    int *cell, int *slot, int *occ, int *ins, int *hn, int *cnt,
    double wc, double t_start, double t_end, long long iterations, double seconds,
    unsigned long long seed, double current, int *best_cells, double *best_out) {
    const int NC = R * T, T1 = T + 1, NC1 = NC + 1;
    St st = {T, slot, ins, hn, cnt, gw, gs_off, gs, sg_off, sg, hnb_off, hnb};
    double best = current;
    memcpy(best_cells, cell, sizeof(int) * (size_t)S);
    *best_out = best;
    if (nm <= 0 || iterations <= 0 || seconds <= 0) return 0;

    /* common[s * S + s2]: the groups that want both s and s2, as offsets into one array. The
     * offsets and their total are 64-bit: a total past 2^31 would wrap an int and undersize
     * `common`. */
    size_t pairs = (size_t)S * S;
    int64_t *c_off = calloc(pairs + 1, sizeof(int64_t));
    if (!c_off) return -1;
    for (int g = 0; g < G; g++)
        for (int i = gs_off[g]; i < gs_off[g + 1]; i++)
            for (int j = gs_off[g]; j < gs_off[g + 1]; j++)
                if (i != j) c_off[(size_t)gs[i] * S + gs[j] + 1]++;
    for (size_t p = 0; p < pairs; p++) c_off[p + 1] += c_off[p];
    const uint64_t total = (uint64_t)c_off[pairs];
    if (total >= SIZE_MAX / sizeof(int)) {
        free(c_off);
        return -1;
    }
    int *common = malloc(sizeof(int) * ((size_t)total + 1));
    int64_t *fill = malloc(sizeof(int64_t) * pairs);
    if (!common || !fill) {
        free(c_off);
        free(common);
        free(fill);
        return -1;
    }
    memcpy(fill, c_off, sizeof(int64_t) * pairs);
    for (int g = 0; g < G; g++)
        for (int i = gs_off[g]; i < gs_off[g + 1]; i++)
            for (int j = gs_off[g]; j < gs_off[g + 1]; j++)
                if (i != j) common[fill[(size_t)gs[i] * S + gs[j]]++] = g;
    free(fill);

    uint64_t rng = seed ^ 0x6F6E657465616D31ULL; /* "oneteam1" */
    const double ratio = t_end / t_start;
    const double began = now();
    const double span = seconds > 1e-6 ? seconds : 1e-6;
    long long done = 0;
    while (done < iterations) {
        /* Cool by iterations (deterministic); once the clock is clearly ahead of them, by the
         * clock instead (search.anneal does the same). */
        double frac = (double)done / (double)iterations;
        double clock = (now() - began) / span;
        if (clock >= 1) break;
        if (clock > frac + 0.02) frac = clock;
        const double temp = t_start * pow(ratio, frac);
        const double cut = 16 * temp;
        long long block = iterations - done < BLOCK ? iterations - done : BLOCK;
        done += block;
        for (long long it = 0; it < block; it++) {
            /* One 64-bit draw picks the session (high half) and its target cell (low half). */
            uint64_t x = next_u64(&rng);
            int s = movable[(int)(((x >> 32) * (uint64_t)nm) >> 32)];
            int lo = cells_off[s], n = cells_off[s + 1] - lo;
            int c = cells[lo + (int)(((x & 0xFFFFFFFFULL) * (uint64_t)n) >> 32)];
            int a = cell[s];
            if (c == a) continue;
            int ta = slot[s], tb = c / R;
            int s2 = occ[c];
            const double *ps = pc + (size_t)s * NC1;
            int ca = a >= 0 ? a : NC, cta = ta >= 0 ? ta : T;
            const int *Is = ins + (size_t)s * T1;
            double d;
            if (s2 < 0) {
                if (ta != tb) {
                    if (hn[(size_t)s * T1 + tb]) continue;
                    d = ps[c] - ps[ca] + wc * (double)(Is[tb] - Is[cta]);
                } else {
                    d = ps[c] - ps[ca];
                }
            } else {
                if (fixed[s2] || (a >= 0 && !allowed[(size_t)s2 * NC + a])) continue;
                const double *p2 = pc + (size_t)s2 * NC1;
                if (ta != tb) {
                    size_t pair = (size_t)s * S + s2;
                    /* A co-host of s in tb (or of s2 in ta) blocks the swap unless it is the
                     * other session itself; only look that up when there is one. */
                    int h1 = hn[(size_t)s * T1 + tb], h2 = hn[(size_t)s2 * T1 + cta];
                    if (h1 | h2) {
                        int both = shares_host(hnb_off, hnb, s, s2);
                        if (h1 > both || h2 > both) continue;
                    }
                    const int *I2 = ins + (size_t)s2 * T1;
                    long long k = (long long)Is[tb] - Is[cta] + I2[cta] - I2[tb];
                    if (ta >= 0) {
                        for (int64_t j = c_off[pair]; j < c_off[pair + 1]; j++) {
                            const int *row = cnt + (size_t)common[j] * T1;
                            k -= (long long)gw[common[j]] * ((row[ta] < 2) + (row[tb] < 2));
                        }
                    } else {
                        for (int64_t j = c_off[pair]; j < c_off[pair + 1]; j++)
                            k -= (long long)gw[common[j]] * (cnt[(size_t)common[j] * T1 + tb] < 2);
                    }
                    d = ps[c] - ps[ca] + p2[ca] - p2[c] + wc * (double)k;
                } else {
                    d = ps[c] - ps[ca] + p2[ca] - p2[c];
                }
            }
            if (d > 0 && (d > cut || next_double(&rng) >= exp(-d / temp))) continue;
            if (s2 < 0) { /* State.move */
                if (a >= 0) occ[a] = -1;
                occ[c] = s;
                cell[s] = c;
                if (ta != tb) relocate(&st, s, ta, tb);
                slot[s] = tb;
            } else { /* State.swap */
                cell[s] = c;
                cell[s2] = a;
                occ[c] = s;
                if (a >= 0) occ[a] = s2;
                if (ta != tb) {
                    relocate(&st, s, ta, tb);
                    slot[s] = tb;
                    relocate(&st, s2, tb, ta);
                    slot[s2] = ta;
                }
            }
            current += d;
            if (current < best - 1e-9) {
                best = current;
                memcpy(best_cells, cell, sizeof(int) * (size_t)S);
            }
        }
    }
    free(c_off);
    free(common);
    *best_out = best;
    return done;
}
