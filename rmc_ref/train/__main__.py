"""``python -m rmc_ref.train``: the training command line (:func:`rmc_ref.train.cli.main`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
