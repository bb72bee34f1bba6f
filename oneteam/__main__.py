import sys

from oneteam.cli import main

sys.exit(main())
