"""The ``mhlint`` command's entry point, and ``python -m mhlint``.

``mhlint --version`` is answered here, before the command line is parsed:
an editor or a hook asks it to check which mhlint it has, and importing
click and the command definitions would be most of its time. Everything
else goes to :func:`mhlint.cli.main`; the text printed is the one click's
``version_option`` prints (a test compares the two).
"""

from __future__ import annotations

import sys
from typing import Sequence


def run(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from mhlint import __version__

        sys.stdout.write(f"mhlint, version {__version__}\n")
        sys.stdout.flush()
        sys.exit(0)
    from mhlint.cli import main

    main(args, prog_name="mhlint")


if __name__ == "__main__":
    run()
