"""`python -m oneteam.scheduling ...`: the same as `oneteam schedule ...`."""

import sys

from .cli import main

sys.exit(main())
