#!/usr/bin/env python3
"""Fuzz the parsers that read untrusted input with libFuzzer, for a bounded time, and report
what each run did: wall and CPU time, executions, corpus size, peak memory, and any input that
crashed, hung or ran out of memory.

Targets (Sources/PromptMCPFuzzing/FuzzTarget.swift): policy (the policy loader), diff (the
unified-diff parser), message (the MCP message scanner), json (the JSON validator). Standard
library only. See bench/README.md ("fuzz.py"). Not part of `swift test`: the crashers it finds
are kept in Tests/Fixtures/fuzz/TARGET/ (`--keep`), which FuzzRegressionTests replays.

    python3 bench/fuzz.py                          # build, then every target for 60 s at once
    python3 bench/fuzz.py --seconds 1800 --nice 19 # the long run (30 minutes per target)
    python3 bench/fuzz.py --targets policy,diff --seconds 300 --json
    python3 bench/fuzz.py --no-build --keep        # copy found inputs into Tests/Fixtures/fuzz/
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(BENCH_DIR)
SCRATCH = os.path.join(PACKAGE_ROOT, ".build", "fuzz")
BINARY = os.path.join(SCRATCH, "release", "promptmcp-fuzz")
WORK = os.path.join(BENCH_DIR, ".work", "fuzz")
SEEDS = os.path.join(BENCH_DIR, "fuzz", "seeds")
FIXTURES = os.path.join(PACKAGE_ROOT, "Tests", "Fixtures", "fuzz")
TARGETS = ["policy", "diff", "message", "json"]
# An input that takes longer than this is a hang; one that needs more memory, a leak or a bomb.
HANG_SECONDS = 5
RSS_LIMIT_MB = 2048
# Inputs larger than this are not generated: the parsers' own bounds sit far above real input,
# and libFuzzer explores short inputs far faster.
MAX_LEN = 65536


def log(message):
    print(message, file=sys.stderr, flush=True)


def build():
    command = ["swift", "build", "-c", "release", "--product", "promptmcp-fuzz", "--scratch-path", SCRATCH,
               "-Xswiftc", "-sanitize=fuzzer", "-Xswiftc", "-DPROMPTMCP_FUZZ",
               # gold dies on the fuzzer build ("internal error in format_file_lineno"); lld links it.
               "-Xswiftc", "-use-ld=lld"]
    log("building: " + " ".join(command))
    subprocess.run(command, cwd=PACKAGE_ROOT, check=True)


def prepare(target):
    """A working corpus per target, seeded from bench/fuzz/seeds and the kept crashers."""
    corpus = os.path.join(WORK, "corpus", target)
    artifacts = os.path.join(WORK, "artifacts", target)
    os.makedirs(corpus, exist_ok=True)
    shutil.rmtree(artifacts, ignore_errors=True)
    os.makedirs(artifacts)
    for folder in (os.path.join(SEEDS, target), os.path.join(FIXTURES, target)):
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                shutil.copy(os.path.join(folder, name), os.path.join(corpus, "seed-" + name))
    return corpus, artifacts


def start(target, seconds, niceness):
    corpus, artifacts = prepare(target)
    log_path = os.path.join(WORK, f"{target}.log")
    command = [BINARY, target, f"-max_total_time={seconds}", f"-timeout={HANG_SECONDS}",
               f"-rss_limit_mb={RSS_LIMIT_MB}", f"-max_len={MAX_LEN}", "-print_final_stats=1",
               f"-artifact_prefix={artifacts}/", corpus]
    output = open(log_path, "w")
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                               preexec_fn=(lambda: os.nice(niceness)) if niceness else None)
    return {"target": target, "process": process, "log": log_path, "artifacts": artifacts, "corpus": corpus,
            "started": time.monotonic(), "output": output}


def finish(run, status, usage):
    run["output"].close()
    text = open(run["log"], errors="replace").read()

    def stat(name):
        found = re.findall(rf"stat::{name}:\s*(\d+)", text)
        return int(found[-1]) if found else None

    found = sorted(os.listdir(run["artifacts"]))
    return {
        "target": run["target"],
        "exit_status": os.waitstatus_to_exitcode(status),
        "wall_s": round(time.monotonic() - run["started"], 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "executions": stat("number_of_executed_units"),
        "executions_per_cpu_s": None,
        "peak_rss_mb": stat("peak_rss_mb"),
        "corpus_files": len(os.listdir(run["corpus"])),
        "found": found,
        "log": os.path.relpath(run["log"], PACKAGE_ROOT),
    }


def keep(result):
    """Copies what a run found into the regression fixtures, named by kind and target."""
    folder = os.path.join(FIXTURES, result["target"])
    os.makedirs(folder, exist_ok=True)
    for name in result["found"]:
        shutil.copy(os.path.join(WORK, "artifacts", result["target"], name), os.path.join(folder, name))
        log(f"kept {result['target']}/{name} in {os.path.relpath(folder, PACKAGE_ROOT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60, help="time per target (libFuzzer -max_total_time)")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated: " + ", ".join(TARGETS))
    parser.add_argument("--nice", type=int, default=0, help="niceness of the fuzzers (19 on a shared machine)")
    parser.add_argument("--no-build", action="store_true", help="use the binary already in .build/fuzz")
    parser.add_argument("--keep", action="store_true", help="copy found inputs into Tests/Fixtures/fuzz/")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    arguments = parser.parse_args()
    targets = arguments.targets.split(",")
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        parser.error("unknown target(s): " + ", ".join(unknown))
    if not arguments.no_build:
        build()
    os.makedirs(WORK, exist_ok=True)
    runs = {}
    for target in targets:
        run = start(target, arguments.seconds, arguments.nice)
        runs[run["process"].pid] = run
        log(f"{target}: pid {run['process'].pid}, {arguments.seconds} s, log {run['log']}")
    results = []
    while runs:
        pid, status, usage = os.wait4(-1, 0)
        if pid in runs:
            result = finish(runs.pop(pid), status, usage)
            if result["executions"] and result["cpu_s"]:
                result["executions_per_cpu_s"] = round(result["executions"] / result["cpu_s"])
            results.append(result)
            log(f"{result['target']}: done, {result['executions']} executions, found {len(result['found'])}")
    results.sort(key=lambda r: TARGETS.index(r["target"]))
    if arguments.keep:
        for result in results:
            keep(result)
    if arguments.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'target':8} {'wall s':>8} {'CPU s':>8} {'executions':>12} {'exec/CPU s':>11} {'corpus':>7} {'RSS MB':>7}  found")
        for r in results:
            print(f"{r['target']:8} {r['wall_s']:8} {r['cpu_s']:8} {r['executions'] or 0:12} "
                  f"{r['executions_per_cpu_s'] or 0:11} {r['corpus_files']:7} {r['peak_rss_mb'] or 0:7}  "
                  + (", ".join(r["found"]) or "nothing"))
    return 1 if any(r["found"] or r["exit_status"] != 0 for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
