#!/usr/bin/env python3
"""Benchmark `promptmcp agent-hook`: what an agent waits for before each edit.

A clone of swift-nio (bench/.work/agent-nio, from the local mirror) with a committed policy
that has an agents: tier. Each run starts the release binary with one Claude Code PreToolUse
event on standard input, as Claude Code does, and waits for its answer:

  edit-clean   a one-file Edit (3 lines) on a clean work tree: allowed. Target: median under 15 ms.
  edit-dirty   the same Edit with 10 other files already edited in the work tree (the session
               judges everything since the last commit, so they are read and counted too).
  edit-secret  an Edit that adds an AWS key: blocked (the block path also measures the budget).
  bash         a Bash `git status`: allowed (the shell guard alone).

Build first: swift build -c release --static-swift-stdlib --product promptmcp

    python3 bench/agent_hook_bench.py                       # .build/release/promptmcp, 50 runs
    python3 bench/agent_hook_bench.py --runs 100 --json
"""

import argparse
import json
import os
import statistics
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(BENCH_DIR)
sys.path.insert(0, BENCH_DIR)
import bench  # noqa: E402  (git, the swift-nio mirror and tag, the isolated environment)

REPO = os.path.join(bench.WORK, "agent-nio")
TARGET_MS = 15.0
POLICY = "version: 1\nagents:\n  caps: { max_lines_per_file: 200, max_files: 20, max_total_lines: 800 }\n"
EDITED = "Sources/NIOCore/ByteBuffer-core.swift"


def ensure_repo(env):
    if not os.path.isdir(os.path.join(REPO, ".git")):
        os.makedirs(bench.WORK, exist_ok=True)
        bench.log(f"cloning swift-nio {bench.nio_tag()} into {REPO} ...")
        bench.git(["clone", "--quiet", "--no-checkout", bench.NIO_MIRROR, REPO], cwd=bench.WORK, env=env)
        bench.git(["checkout", "--quiet", "-b", "agent-bench", bench.nio_tag()], cwd=REPO, env=env)
        os.makedirs(os.path.join(REPO, ".promptmcp"), exist_ok=True)
        with open(os.path.join(REPO, ".promptmcp", "policy.yml"), "w") as handle:
            handle.write(POLICY)
        bench.git(["add", ".promptmcp/policy.yml"], cwd=REPO, env=env)
        bench.git(["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "--quiet", "-m", "policy"],
                  cwd=REPO, env=env)
    bench.git(["checkout", "--quiet", "--", "."], cwd=REPO, env=env)
    bench.git(["clean", "--quiet", "-fd"], cwd=REPO, env=env)


def dirty_ten_files(env):
    files = [p for p in bench.git(["ls-files", "Sources/NIOPosix/*.swift"], cwd=REPO, env=env).splitlines()][:10]
    for path in files:
        with open(os.path.join(REPO, path), "a") as handle:
            handle.write("\n// edited by the agent earlier in the session\nlet benchMarker = 1\n")


def event(tool, tool_input):
    return json.dumps({"session_id": "bench", "transcript_path": "/tmp/t.jsonl", "cwd": REPO, "permission_mode": "default",
                       "hook_event_name": "PreToolUse", "tool_name": tool, "tool_input": tool_input})


def edit(new_text):
    with open(os.path.join(REPO, EDITED)) as handle:
        first = next(line for line in handle if line.strip().startswith("import "))
    return event("Edit", {"file_path": os.path.join(REPO, EDITED), "old_string": first,
                          "new_string": first + new_text, "replace_all": False})


def run_once(argv, input_path, env):
    """Wall time of one run with the event on standard input, and its standard output."""
    out_path = input_path + ".out"
    wall, _, _ = bench.run_once(argv, REPO, env, out_path, os.devnull, {0}, input_path=input_path)
    with open(out_path) as handle:
        return wall, handle.read()


def measure(binary, cases, env, runs, warmup):
    """Interleaved runs of every case (A B C A B C ...), so that load drift hits them alike."""
    argv = [binary, "agent-hook", "--agent", "claude-code"]
    paths = {}
    for name, text in cases.items():
        paths[name] = os.path.join(bench.WORK, f"agent-{name}.json")
        with open(paths[name], "w") as handle:
            handle.write(text)
    samples = {name: [] for name in cases}
    answers = {}
    for index in range(warmup + runs):
        for name in cases:
            wall, answer = run_once(argv, paths[name], env)
            answers[name] = answer
            if index >= warmup:
                samples[name].append(wall)
    return samples, answers


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(PACKAGE_ROOT, ".build", "release", "promptmcp"))
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    env = bench.isolated_env()
    ensure_repo(env)
    key = "AKIA" + "QW3RTY7UIOP4ASD2"
    clean = {"edit-clean": edit("// one\n// two\n// three\n"), "edit-secret": edit(f'let key = "{key}"\n'),
             "bash": event("Bash", {"command": "git status", "description": "status"})}
    results = {}
    samples, answers = measure(args.binary, clean, env, args.runs, args.warmup)
    assert answers["edit-clean"] == "" and answers["bash"] == "", answers
    assert '"permissionDecision":"deny"' in answers["edit-secret"], answers["edit-secret"]
    results.update(samples)
    dirty_ten_files(env)
    samples, answers = measure(args.binary, {"edit-dirty": clean["edit-clean"]}, env, args.runs, args.warmup)
    assert answers["edit-dirty"] == "", answers
    results.update(samples)
    ensure_repo(env)
    summary = {name: {"median_ms": round(statistics.median(walls), 2), "min_ms": round(min(walls), 2),
                      "max_ms": round(max(walls), 2), "runs": len(walls)} for name, walls in results.items()}
    met = summary["edit-clean"]["median_ms"] < TARGET_MS
    if args.json:
        print(json.dumps({"repository": f"swift-nio {bench.nio_tag()}", "target_ms": TARGET_MS, "met": met, "cases": summary}, indent=2))
    else:
        print(f"promptmcp agent-hook on swift-nio {bench.nio_tag()} ({args.runs} runs each, medians)")
        for name in ["edit-clean", "edit-dirty", "edit-secret", "bash"]:
            s = summary[name]
            print(f"  {name:<12} {s['median_ms']:7.2f} ms   (min {s['min_ms']:.2f}, max {s['max_ms']:.2f})")
        print(f"target: edit-clean under {TARGET_MS} ms: {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
