#!/usr/bin/env python3
"""Benchmark the test-gate sandbox: the supervisor's overhead over running `true` directly, and
the preparation of a staged snapshot (index checkout) of a 500-file repository.

Standard library only. See bench/README.md ("sandbox_bench.py") for what it measures.

    python3 bench/sandbox_bench.py                       # build (release), generate, measure
    python3 bench/sandbox_bench.py --runs 500 --json
    python3 bench/sandbox_bench.py --binary .build/release/promptmcp
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(BENCH_DIR)
REPO = os.path.join(BENCH_DIR, ".work", "sandbox500")
SCRATCH = ".build-bench"  # shared with bench.py: the same release build serves both
FILES = 500
GENERATOR_VERSION = 1

OVERHEAD_TARGET_MS = 5.0
# The whole sandbox (mount, PID and network namespaces, a built root, seccomp), as gates run.
ISOLATED_TARGET_MS = 20.0
PREPARE_TARGET_MS = 300.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def env():
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.path.join(BENCH_DIR, ".work", "home"),
        "LANG": "C.UTF-8", "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
        "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    }


def git(args, cwd=REPO):
    subprocess.run(["git", *args], cwd=cwd, env=env(), check=True, stdout=subprocess.DEVNULL)


def build():
    log(f"building release binary (swift build -c release --scratch-path {SCRATCH}) ...")
    start = time.monotonic()
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--product", "promptmcp"],
                   cwd=PACKAGE_ROOT, check=True, stdout=sys.stderr)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", SCRATCH, "--show-bin-path"],
                             cwd=PACKAGE_ROOT, check=True, capture_output=True, text=True).stdout.strip()
    log(f"built in {time.monotonic() - start:.1f} s")
    return os.path.join(bin_dir, "promptmcp")


def generate():
    """500 source files of 20-200 lines in 25 folders, committed, with 10 of them edited and
    staged, and a policy with one gate (`true`) for the end-to-end figure. Seeded."""
    stamp = os.path.join(REPO, ".git", "bench-generator")
    if os.path.exists(stamp) and open(stamp).read() == str(GENERATOR_VERSION):
        return
    shutil.rmtree(REPO, ignore_errors=True)
    os.makedirs(REPO)
    git(["init", "-q", "-b", "main"])
    rng = random.Random(500)
    paths = []
    for i in range(FILES):
        path = f"Sources/Module{i % 25}/File{i}.swift"
        os.makedirs(os.path.join(REPO, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(REPO, path), "w") as handle:
            handle.writelines(f"let value{j} = {rng.randint(0, 10**6)}  // line {j} of file {i}\n"
                              for j in range(rng.randint(20, 200)))
        paths.append(path)
    os.makedirs(os.path.join(REPO, ".promptmcp"))
    with open(os.path.join(REPO, ".promptmcp", "policy.yml"), "w") as handle:
        handle.write("version: 1\ntests:\n  - name: noop\n    command: [\"true\"]\n")
    git(["add", "-A"])
    git(["commit", "-q", "-m", "base"])
    for path in rng.sample(paths, 10):
        with open(os.path.join(REPO, path), "a") as handle:
            handle.write("let staged = 1\n")
    git(["add", "-A"])
    with open(stamp, "w") as handle:
        handle.write(str(GENERATOR_VERSION))


def summary(samples):
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered), 3), "p90_ms": round(ordered[int(len(ordered) * 0.9)], 3),
            "min_ms": round(ordered[0], 3), "runs": len(ordered)}


def end_to_end(binary, runs):
    """`promptmcp test` (one `true` gate on the 500-file snapshot) as a hook would run it."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([binary, "test"], cwd=REPO, env=env(), check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return summary(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", help="a built promptmcp (default: build a release binary)")
    parser.add_argument("--runs", type=int, default=300, help="runs of `true`, each way (default 300)")
    parser.add_argument("--checkout-runs", type=int, default=30, help="snapshot preparations (default 30)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary) if args.binary else build()
    generate()
    log(f"measuring: {args.runs} runs of `true` each way, {args.checkout_runs} snapshot preparations ...")
    raw = json.loads(subprocess.run([binary, "bench-sandbox", "--runs", str(args.runs),
                                     "--checkout-runs", str(args.checkout_runs)],
                                    cwd=REPO, env=env(), check=True, capture_output=True, text=True).stdout)
    figures = {key: summary(values) for key, values in raw.items()}
    # Runs are interleaved (direct, sandboxed, ...): the median of pairwise differences is the overhead.
    for key in ("sandbox", "sandbox_no_network_namespace", "sandbox_isolated"):
        figures[key + "_overhead"] = summary([s - d for s, d in zip(raw[key], raw["direct"])])
    figures["end_to_end_promptmcp_test"] = end_to_end(binary, 15)
    figures["targets"] = {
        "overhead_ms": OVERHEAD_TARGET_MS, "overhead_pass": figures["sandbox_overhead"]["median_ms"] < OVERHEAD_TARGET_MS,
        "isolated_overhead_ms": ISOLATED_TARGET_MS,
        "isolated_overhead_pass": figures["sandbox_isolated_overhead"]["median_ms"] < ISOLATED_TARGET_MS,
        "prepare_ms": PREPARE_TARGET_MS, "prepare_pass": figures["prepare"]["median_ms"] < PREPARE_TARGET_MS,
    }
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return
    rows = [("`true` started directly (posix_spawn + waitpid)", "direct"),
            ("`true` in the sandbox (default: network namespace)", "sandbox"),
            ("`true` in the sandbox, network allowed", "sandbox_no_network_namespace"),
            ("supervisor overhead (paired difference)", "sandbox_overhead"),
            ("overhead without the network namespace", "sandbox_no_network_namespace_overhead"),
            ("`true` in the whole sandbox (mount+PID+net ns, root, seccomp)", "sandbox_isolated"),
            ("whole-sandbox overhead (paired difference)", "sandbox_isolated_overhead"),
            (f"staged snapshot prepared ({FILES}-file index checkout)", "prepare"),
            ("snapshot removed", "remove"),
            ("`promptmcp test`, whole process (1 gate, 500 files)", "end_to_end_promptmcp_test")]
    print(f"{'measurement':62} {'median':>10} {'p90':>10} {'runs':>5}")
    for label, key in rows:
        figure = figures[key]
        print(f"{label:62} {figure['median_ms']:>7.2f} ms {figure['p90_ms']:>7.2f} ms {figure['runs']:>5}")
    targets = figures["targets"]
    print(f"\noverhead target < {OVERHEAD_TARGET_MS} ms: {'PASS' if targets['overhead_pass'] else 'FAIL'}; "
          f"whole-sandbox target < {ISOLATED_TARGET_MS} ms: {'PASS' if targets['isolated_overhead_pass'] else 'FAIL'}; "
          f"snapshot target < {PREPARE_TARGET_MS} ms: {'PASS' if targets['prepare_pass'] else 'FAIL'}")


if __name__ == "__main__":
    main()
