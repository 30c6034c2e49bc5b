#!/usr/bin/env python3
"""Benchmark the offline knowledge layer through the real `promptmcp` binary.

Standard library only. Measures, on a throwaway cache (PROMPTMCP_CACHE_DIR under bench/.work):

  import   `promptmcp docs import` of 1,000 generated Markdown files (10 sections each, so
           10,000 chunks): wall time of the whole process. Target: under 5 s.
  lookup   `promptmcp docs get` of a cached Context7 answer (fetched once from the tests'
           Context7 stand-in, Tests/Fixtures/context7_stub.py): the in-process time of the lookup
           (the hidden --timings flag) and the process's wall time. Target: under 5 ms in-process.
  search   `promptmcp search` over those 10,000 chunks (plus the repository's docs): in-process
           time of the query (--timings). Target: under 20 ms.

    python3 bench/knowledge_bench.py                       # build (release) and measure
    python3 bench/knowledge_bench.py --binary PATH --runs 30
"""

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(BENCH_DIR)
WORK = os.path.join(BENCH_DIR, ".work", "knowledge")
# Lookups run outside any repository, so that `search` does not index (or write state into)
# the repository the benchmark lives in.
OUTSIDE = tempfile.gettempdir()
STUB = os.path.join(PACKAGE_ROOT, "Tests", "Fixtures", "context7_stub.py")
WORDS = ("database pool migration observation record query cursor transaction savepoint schema index "
         "trigger view column table association request fetch insert update delete journal checkpoint "
         "reader writer snapshot encoder decoder codable statement argument").split()
TARGETS = {"import": 5000.0, "lookup": 5.0, "search": 20.0}


def build():
    subprocess.run(["swift", "build", "-c", "release", "--product", "promptmcp", "--scratch-path", ".build-bench"],
                   cwd=PACKAGE_ROOT, check=True, stdout=sys.stderr)
    out = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-bench", "--show-bin-path"],
                         cwd=PACKAGE_ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "promptmcp")


def generate(folder, files=1000, sections=10, seed=7):
    rng = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for index in range(files):
        lines = [f"# Guide {index}", ""]
        for section in range(sections - 1):
            lines += [f"## {rng.choice(WORDS).title()} {section}", ""]
            lines += [" ".join(rng.choice(WORDS) for _ in range(60)), ""]
        sub = os.path.join(folder, f"part{index % 10}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"guide{index}.md"), "w") as handle:
            handle.write("\n".join(lines))


def run(binary, args, env, cwd):
    start = time.perf_counter()
    done = subprocess.run([binary] + args, env=env, cwd=cwd, capture_output=True, text=True)
    wall = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
    timings = {m.group(1): float(m.group(2)) for m in re.finditer(r"timing: (.+?) ([0-9.]+) ms", done.stderr)}
    return wall, timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="a built promptmcp (default: build a release one in .build-bench)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()
    binary = os.path.abspath(options.binary) if options.binary else build()

    cache = os.path.join(WORK, "cache")
    docs = os.path.join(WORK, "docs")
    shutil.rmtree(cache, ignore_errors=True)
    generate(docs)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"PROMPTMCP_CACHE_DIR": cache, "PROMPTMCP_OFFLINE": "1", "NO_COLOR": "1",
                "CONTEXT7_BASE_URL": "http://127.0.0.1:9"})

    results = {}
    wall, _ = run(binary, ["docs", "import", docs, "--library", "/bench/guides@1.0"], env, WORK)
    results["import"] = {"ms": wall, "what": "1,000 files, 10,000 chunks, whole process"}

    # A cached Context7 answer: fetched once from the test suite's Context7 stand-in, then every
    # lookup is a fresh cache hit (the stub is stopped first, so a hit cannot be the network).
    stub = subprocess.Popen([sys.executable, STUB], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    port = int(stub.stdout.readline().split()[1])
    online = dict(env, PROMPTMCP_OFFLINE="0", CONTEXT7_BASE_URL=f"http://127.0.0.1:{port}")
    run(binary, ["docs", "get", "/groue/grdb.swift", "--query", "database pool"], online, WORK)
    stub.stdin.close()
    stub.wait()
    lookups, lookup_walls, searches = [], [], []
    get = ["docs", "get", "/groue/grdb.swift", "--query", "database pool", "--timings"]
    for _ in range(2):  # warm-up
        run(binary, get, online, OUTSIDE)
    for _ in range(options.runs):
        wall, timings = run(binary, get, online, OUTSIDE)
        lookups.append(timings["docs get"])
        lookup_walls.append(wall)
        wall, timings = run(binary, ["search", "savepoint", "transaction", "journal", "--timings"], env, OUTSIDE)
        searches.append(timings["search"])
    results["lookup"] = {"ms": statistics.median(lookups), "wall_ms": statistics.median(lookup_walls),
                         "what": "docs get of a cached Context7 answer, in-process (median)"}
    results["search"] = {"ms": statistics.median(searches), "min": min(searches), "max": max(searches),
                         "what": "search over 10,000 chunks, in-process (median)"}
    for name, target in TARGETS.items():
        results[name]["target_ms"] = target
        results[name]["passed"] = results[name]["ms"] < target
    if options.json:
        print(json.dumps(results, indent=2))
        return
    for name, result in results.items():
        extra = f" (process wall {result['wall_ms']:.1f} ms)" if "wall_ms" in result else ""
        verdict = "ok" if result["passed"] else "OVER"
        print(f"{name:7} {result['ms']:9.2f} ms  target < {result['target_ms']:.0f} ms  {verdict}  {result['what']}{extra}")


if __name__ == "__main__":
    main()
