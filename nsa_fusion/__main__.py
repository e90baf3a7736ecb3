"""``python -m nsa_fusion demo|bench|explain-env``."""
from __future__ import annotations

import sys


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m nsa_fusion {demo,bench} [options]   (each takes --help)")
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "demo":
        from .demo import main as run
    elif command == "bench":
        from .bench import main as run
    else:
        print(f"unknown command {command!r}; expected demo or bench", file=sys.stderr)
        return 2
    return run(rest)


if __name__ == "__main__":
    sys.exit(main())
