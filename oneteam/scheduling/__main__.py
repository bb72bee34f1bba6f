"""`python -m oneteam.scheduling ...`: the same as `oneteam schedule ...`."""

import sys

from .cli import main

if __name__ == "__main__":  # not when a worker process re-imports it
    sys.exit(main())
