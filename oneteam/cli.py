"""The `oneteam` console script: the project's manage.py, plus commands that need no database."""

from __future__ import annotations

import os
import sys

# Commands that are pure algorithms: they run without Django settings or a database.
_STANDALONE = {
    "schedule": "oneteam.scheduling.cli",
    "pair": "oneteam.pairing.cli",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in _STANDALONE:
        from importlib import import_module

        module = import_module(_STANDALONE[args[1]])
        return int(module.main(args[2:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneteam.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
