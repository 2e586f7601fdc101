"""``python -m crosstrain`` is the ``crosstrain`` command."""

from crosstrain.cli import main

main()
