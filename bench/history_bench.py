#!/usr/bin/env python3
"""History benchmark: CI range mode over 1,000 commits against `git log -p BASE..HEAD`, and a
staged check with a rate limit in a repository of 100,000 commits.

Both repositories are generated with `git fast-import` (the package mirrors have no long
history), deterministically, under bench/.work/, and reused when present (--rebuild to redo).
Uses the release binary bench.py builds (or --binary). Prints medians; targets: range within
2x of git log -p, rate-limited staged check under 50 ms."""
import argparse
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import WORK, build_binary, isolated_env, log, measure, stats  # noqa: E402

# Commit dates count back from the time of generation, and the staged check is judged at the
# real current time, so the rate limit's window holds the newest commits: a history repository
# older than MAX_AGE is generated again.
NOW = int(time.time())
MAX_AGE = 6 * 3600
RANGE_COMMITS = 1000
HISTORY_COMMITS = 100_000


def fast_import(path, commits, env):
    """Writes `commits` (a generator of (author, time, message, {path: text})) into a new repo."""
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True, env=env)
    process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=path, stdin=subprocess.PIPE, env=env)
    out = process.stdin
    for mark, (author, when, message, files) in enumerate(commits, start=1):
        out.write(b"commit refs/heads/main\n")
        out.write(f"mark :{mark}\n".encode())
        out.write(f"author {author} <{author}@example.com> {when} +0000\n".encode())
        out.write(f"committer {author} <{author}@example.com> {when} +0000\n".encode())
        data = message.encode()
        out.write(f"data {len(data)}\n".encode() + data + b"\n")
        if mark > 1:
            out.write(f"from :{mark - 1}\n".encode())
        for name, text in files.items():
            blob = text.encode()
            out.write(f"M 100644 inline {name}\ndata {len(blob)}\n".encode() + blob + b"\n")
    out.close()
    if process.wait() != 0:
        raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=path, check=True, env=env)


def range_commits(rng):
    """1,000 commits editing three of 200 files each, 20 lines a file: a busy CI range."""
    contents = {f"Sources/Module{i % 20}/File{i}.swift": [f"let value{i}_{n} = {n}\n" for n in range(40)] for i in range(200)}
    policy = "version: 1\ncaps: { max_lines_per_file: 400, severity: error }\n"
    yield "base", NOW - 10 * 86400, "chore: base\n", {**{k: "".join(v) for k, v in contents.items()}, ".promptmcp/policy.yml": policy}
    for index in range(RANGE_COMMITS):
        files = {}
        for name in rng.sample(sorted(contents), 3):
            lines = contents[name]
            for _ in range(20):
                lines.insert(rng.randrange(len(lines) + 1), f"let edit{index}_{rng.randrange(10**6)} = {index}\n")
            files[name] = "".join(lines)
        yield f"dev{index % 7}", NOW - 86400 + index * 60, f"feat: change {index}\n\nRefs: #{index}\n", files


def history_commits(rng):
    """100,000 one-line commits over three years, the newest inside the rate limit's window."""
    start = NOW - 3 * 365 * 86400
    step = (3 * 365 * 86400) // HISTORY_COMMITS
    yield "base", start, "chore: base\n", {
        ".promptmcp/policy.yml": "version: 1\nrate_limits:\n  - paths: [\"Sources/Payments/**\"]\n"
                                 "    max_commits: 50\n    window: 24h\n    per: author\n",
    }
    for index in range(1, HISTORY_COMMITS):
        area = "Payments" if index % 10 == 0 else f"Area{index % 50}"
        yield f"dev{index % 5}", start + index * step, f"feat: {index}\n", {
            f"Sources/{area}/File{index % 100}.swift": f"let v = {index}\n"}


def ensure(name, generator, rebuild, env):
    path = os.path.join(WORK, name)
    stamp = os.path.join(WORK, name + ".generated")
    fresh = os.path.exists(stamp) and NOW - os.path.getmtime(stamp) < MAX_AGE
    if os.path.isdir(path) and fresh and not rebuild:
        return path
    subprocess.run(["rm", "-rf", path], check=True)
    log(f"[{name}] generating with git fast-import ...")
    fast_import(path, generator(random.Random(7)), env)
    open(stamp, "w").close()
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="promptmcp binary (default: build the release one bench.py uses)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    env = isolated_env()
    os.makedirs(WORK, exist_ok=True)
    binary = args.binary or build_binary(True)

    range_repo = ensure("history-range", range_commits, args.rebuild, env)
    base = f"main~{RANGE_COMMITS}"
    samples = measure({
        "promptmcp": ([binary, "check", "--from", base, "--to", "main", "--format", "json"], {0, 1}, "first"),
        "git": (["/usr/bin/git", "log", "-p", f"{base}..main"], {0}, None),
    }, range_repo, env, args.runs, 1, "range")
    report = json.loads(samples["promptmcp"][0]["stdout"])
    pm, git = stats(samples["promptmcp"]), stats(samples["git"])
    print(f"range of {RANGE_COMMITS} commits ({report['target']}, +{report['summary']['added_lines']} lines):")
    print(f"  promptmcp check --from/--to  median {pm['median_ms']:.1f} ms  (peak RSS {pm['peak_rss_mb']:.1f} MB)")
    print(f"  git log -p                   median {git['median_ms']:.1f} ms")
    ratio = pm["median_ms"] / git["median_ms"]
    print(f"  ratio {ratio:.2f}x  -> {'PASS' if ratio <= 2 else 'FAIL'} (target: within 2x)")

    history_repo = ensure("history-100k", history_commits, args.rebuild, env)
    with open(os.path.join(history_repo, "Sources", "Payments", "New.swift"), "w") as handle:
        handle.write("let new = 1\n")
    subprocess.run(["git", "add", "-A"], cwd=history_repo, check=True, env=env)
    staged_env = {**env, "GIT_AUTHOR_EMAIL": "dev0@example.com"}
    samples = measure({"promptmcp": ([binary, "check", "--format", "json"], {0, 1}, "first")},
                      history_repo, staged_env, args.runs * 3, 2, "ratelimit")
    count = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=history_repo, capture_output=True, text=True, env=env).stdout.strip()
    pm = stats(samples["promptmcp"])
    print(f"staged check with a rate limit, {count} commits of history:")
    print(f"  promptmcp check  median {pm['median_ms']:.1f} ms  -> {'PASS' if pm['median_ms'] < 50 else 'FAIL'} (target: under 50 ms)")


if __name__ == "__main__":
    main()
