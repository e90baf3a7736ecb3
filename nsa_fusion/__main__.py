"""``python -m nsa_fusion demo|bench|--version``."""
from __future__ import annotations

import sys


USAGE = """usage: python -m nsa_fusion {demo,bench} [options]
       python -m nsa_fusion --version

commands:
  demo    a small NSA decode loop (paged KV append + K/V compression in 2 layers) run eagerly and
          compiled with nsa_fusion's backend: fused steps, max abs difference, ms/step, speedup
  bench   the benchmark tables: the fused op against the eager composite, plain Inductor and the
          memory floor; whole compiled decode steps; cost against cache size; vLLM (when installed);
          compile time and the pass's share of it

each command takes --help for its options; --version prints nsa_fusion's and torch's versions"""


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if argv else 2
    if argv[0] in ("-V", "--version"):
        from . import __version__

        import torch

        print(f"nsa_fusion {__version__} (torch {torch.__version__})")
        return 0
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
