"""``python -m diplolib`` — see :mod:`diplolib.cli`."""

from diplolib.cli import main

raise SystemExit(main())
