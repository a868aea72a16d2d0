import sys

from integration_api.entrypoints.cli import main

sys.exit(main())
