#!/usr/bin/env python3
"""Instructions a staged check executes, counted by valgrind's callgrind, for one or more
promptmcp binaries on bench.py's scenario repositories.

Instruction counts do not move with the machine's load (wall-clock medians on a busy 2-core
machine can drift by 20 %), so this is how two builds are compared before and after a change:

    python3 bench/bench.py --generate-only
    python3 bench/instructions.py OLD_BINARY NEW_BINARY [--scenario small ...]

Each binary is stripped into a temporary file first (valgrind cannot read the debug info of
Swift's unstripped release builds). Prints one row per scenario: the count per binary and the
ratio of each to the first.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import WORK, isolated_env  # noqa: E402

SCENARIOS = ["small", "medium", "large"]


def instructions(binary, repository):
    """Callgrind's total for one `promptmcp check` in `repository` (its exit status is the
    check's verdict, not a failure of the count)."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, "check"],
        cwd=repository, env=isolated_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    match = re.search(r"Collected : (\d+)", result.stderr)
    if not match:
        sys.exit(f"callgrind gave no count for {binary} in {repository}:\n{result.stderr[-2000:]}")
    return int(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binaries", nargs="+", help="promptmcp binaries; the first is the reference")
    parser.add_argument("--scenario", action="append", choices=SCENARIOS, help="repeatable; default: all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        stripped = []
        for index, binary in enumerate(args.binaries):
            copy = os.path.join(folder, f"promptmcp-{index}")
            subprocess.run(["strip", "-o", copy, binary], check=True)
            stripped.append(copy)
        print("| scenario | " + " | ".join(args.binaries) + " |")
        print("|---|" + "---|" * len(args.binaries))
        for scenario in args.scenario or SCENARIOS:
            repository = os.path.join(WORK, scenario)
            if not os.path.isdir(repository):
                sys.exit(f"no {repository}: run python3 bench/bench.py --generate-only first")
            counts = [instructions(binary, repository) for binary in stripped]
            cells = [f"{count / 1e6:,.1f} M" + ("" if index == 0 else f" ({count / counts[0]:.3f}x)")
                     for index, count in enumerate(counts)]
            print(f"| {scenario} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
