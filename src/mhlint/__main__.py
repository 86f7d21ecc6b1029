"""Allow ``python -m mhlint``."""

from mhlint.cli import main

if __name__ == "__main__":
    main()
