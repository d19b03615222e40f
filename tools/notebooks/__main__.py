import sys

from tools.notebooks.cli import main

sys.exit(main())
