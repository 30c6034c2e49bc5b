#!/usr/bin/env python3
"""How noisy the default policy is on real code: findings per 100 files, by rule.

Standard library only. Clones swift-nio, vapor and GRDB from the local mirrors
(/opt/swift-packages) into bench/.work/noise/, scans each with the built-in defaults (no
.promptmcp/ folder) and prints findings per 100 files by rule, and every error. With
--before, a second binary (an older build) is measured on the same clones, side by side.

Then replays real accepted changes as commits: the mirrors hold release snapshots, not
histories, so each file a real release changed (swift-nio 2.101.2 -> 2.101.3, swift-syntax,
swift-crypto, Yams, Nimble, jwt-kit) is staged on its own over the older release and judged by
`promptmcp check` (the pre-commit stage), then committed. It counts the share of such commits
that get any finding.

    python3 bench/noise.py                                  # build, scan, replay
    python3 bench/noise.py --binary .build/debug/promptmcp --before /tmp/promptmcp-before
    python3 bench/noise.py --skip-replay --json
"""

import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(BENCH_DIR)
WORK = os.path.join(BENCH_DIR, ".work", "noise")
MIRRORS = "/opt/swift-packages"
SCANNED = ["apple/swift-nio", "vapor/vapor", "groue/GRDB.swift"]
# Release pairs (older, newer) of held-out repositories: the scan above never sees them.
REPLAYED = [
    ("apple/swift-nio", "2.101.2", "2.101.3"),
    ("apple/swift-syntax", "602.0.0", "603.0.1"),
    ("apple/swift-crypto", "3.12.3", "4.5.2"),
    ("jpsim/Yams", "5.0.1", "6.2.2"),
    ("Quick/Nimble", "13.8.0", "14.0.0"),
    ("vapor/jwt-kit", "5.7.1", "5.8.0"),
]
REPLAY_LIMIT = 200          # changed files replayed per pair, a stable sample beyond that
TARGET_PER_100 = 5.0
TARGET_WARNED_SHARE = 0.05


def log(message):
    print(message, file=sys.stderr, flush=True)


def env():
    home = os.path.join(WORK, "home")
    os.makedirs(home, exist_ok=True)
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
            "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1", "PROMPTMCP_LEARN_LESSONS": "0",
            "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}


def git(args, cwd, capture=True):
    result = subprocess.run(["git", *args], cwd=cwd, env=env(), check=True, text=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE)
    return result.stdout if capture else ""


def clone(repo, revision, name):
    """A fresh clone at `revision` (reused when it is already there and clean)."""
    path = os.path.join(WORK, name)
    if not os.path.isdir(os.path.join(path, ".git")):
        log(f"cloning {repo} into {path}")
        subprocess.run(["git", "clone", "--quiet", "--no-checkout", os.path.join(MIRRORS, repo + ".git"), path],
                       env=env(), check=True)
    git(["checkout", "--quiet", "--force", "--detach", revision], path)
    git(["clean", "-fdxq"], path)
    return path


def run_json(binary, args, cwd):
    result = subprocess.run([binary, *args, "--format", "json"], cwd=cwd, env=env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{binary} {' '.join(args)} in {cwd} exited {result.returncode}: {result.stderr.strip()}")
    return json.loads(result.stdout)


# ----------------------------------------------------------------------------------------------
# Scans


def scan(binary, path):
    report = run_json(binary, ["scan"], path)
    files = int(git(["ls-files", "-z"], path).count("\0"))
    by_rule = collections.Counter(f["rule"] for f in report["findings"])
    errors = [f"{f['rule']} {f['file']}:{f['line']}" for f in report["findings"] if f["severity"] == "error"]
    return {"files": files, "findings": len(report["findings"]), "by_rule": dict(by_rule), "errors": errors}


def per_100(count, files):
    return 100.0 * count / files if files else 0.0


def init_then_scan(binary, repo):
    """`promptmcp init` then `promptmcp scan` on a fresh checkout: the starter must pass."""
    path = clone(repo, "HEAD", repo.replace("/", "_") + "-init")
    init = subprocess.run([binary, "init"], cwd=path, env=env(), text=True, capture_output=True)
    scan = subprocess.run([binary, "scan", "--format", "json"], cwd=path, env=env(), text=True, capture_output=True)
    errors = [f"{f['rule']} {f['file']}" for f in json.loads(scan.stdout)["findings"] if f["severity"] == "error"] \
        if scan.returncode in (0, 1) else [scan.stderr.strip()]
    accepted = sum(1 for line in init.stdout.splitlines() if line.startswith("  "))
    print(f"init then scan on {repo}: init exit {init.returncode} ({accepted} existing errors accepted in the baseline), "
          f"scan exit {scan.returncode}" + (f"; errors left: {', '.join(errors)}" if errors else ""))
    return {"init": init.returncode, "scan": scan.returncode, "accepted": accepted, "errors": errors}


def print_scans(results, labels):
    for repo in SCANNED:
        columns = [results[label][repo] for label in labels]
        files = columns[0]["files"]
        totals = "  ".join(f"{label}: {c['findings']} ({per_100(c['findings'], files):.1f}/100 files; "
                           f"{per_100(content(c), files):.1f} without caps/*)" for label, c in zip(labels, columns))
        print(f"\n{repo}: {files} files; {totals}")
        rules = sorted({rule for c in columns for rule in c["by_rule"]},
                       key=lambda rule: -max(c["by_rule"].get(rule, 0) for c in columns))
        print(f"  {'rule':<36}" + "".join(f"{label + ' /100':>16}" for label in labels))
        for rule in rules:
            print(f"  {rule:<36}" + "".join(f"{per_100(c['by_rule'].get(rule, 0), files):>16.2f}" for c in columns))
        for label, c in zip(labels, columns):
            for error in c["errors"]:
                print(f"  {label} error: {error}")
    last = labels[-1]
    for name, count in (("all findings", lambda c: c["findings"]), ("without caps/*", content)):
        met = all(per_100(count(results[last][r]), results[last][r]["files"]) <= TARGET_PER_100 for r in SCANNED)
        print(f"target <= {TARGET_PER_100:g} findings per 100 files on each ({last}, {name}): {'PASS' if met else 'FAIL'}")


def content(column):
    """Findings other than caps: a scan judges content, and caps judge a change's size."""
    return column["findings"] - sum(n for rule, n in column["by_rule"].items() if rule.startswith("caps/"))


# ----------------------------------------------------------------------------------------------
# Replayed changes


def changed_files(path, old, new):
    """(status, path) of each file the release changed, a stable sample of REPLAY_LIMIT."""
    lines = git(["diff", "--name-status", "--no-renames", "-z", old, new], path).split("\0")
    pairs = [(lines[i], lines[i + 1]) for i in range(0, len(lines) - 1, 2)]
    pairs.sort(key=lambda pair: hashlib.sha1(pair[1].encode()).hexdigest())
    return sorted(pairs[:REPLAY_LIMIT], key=lambda pair: pair[1])


def replay(binary, repo, old, new):
    name = repo.replace("/", "_") + "-replay"
    path = clone(repo, old, name)
    git(["checkout", "--quiet", "-B", "replay"], path)
    for promptmcp_dir in (".promptmcp",):
        if os.path.exists(os.path.join(path, promptmcp_dir)):
            raise SystemExit(f"{repo} has its own {promptmcp_dir}/: the defaults would not be what is judged")
    warned, errors, by_rule = [], [], collections.Counter()
    pairs = changed_files(path, old, new)
    for status, file in pairs:
        if status == "D":
            git(["rm", "--quiet", "--cached", "--", file], path)
        else:
            git(["checkout", new, "--", file], path)
        report = run_json(binary, ["check"], path)
        rules = sorted({f["rule"] for f in report["findings"]})
        by_rule.update(rules)
        if report["findings"]:
            details = "; ".join(f"{f['rule']}:{f['line']} {f['message']}" for f in report["findings"])
            warned.append({"file": file, "rules": rules, "details": details})
        errors += [f"{f['rule']} {f['file']}:{f['line']}" for f in report["findings"] if f["severity"] == "error"]
        git(["commit", "--quiet", "--no-verify", "--allow-empty", "-m", f"replay {file}"], path)
    return {"commits": len(pairs), "warned": warned, "errors": errors, "by_rule": dict(by_rule)}


def print_replays(results, label, verbose=False):
    total = sum(r["commits"] for r in results.values())
    warned = sum(len(r["warned"]) for r in results.values())
    beyond_caps = sum(len(without_caps(r)) for r in results.values())
    print(f"\nreal changes replayed as single-file commits, `promptmcp check` ({label}):")
    print(f"  {'repository':<22}{'release':<22}{'commits':>8}{'with findings':>15}{'share':>8}{'not caps':>10}  rules")
    for (repo, old, new), r in results.items():
        share = len(r["warned"]) / r["commits"] if r["commits"] else 0
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(r["by_rule"].items(), key=lambda kv: -kv[1]))
        print(f"  {repo:<22}{old + ' -> ' + new:<22}{r['commits']:>8}{len(r['warned']):>15}{100 * share:>7.1f}%"
              f"{len(without_caps(r)):>10}  {rules}")
        for error in r["errors"]:
            print(f"    error: {error}")
        if verbose:
            for item in without_caps(r):
                print(f"    {item['file']}: {item['details']}")
    for name, count in (("any finding", warned), ("a finding other than caps/*", beyond_caps)):
        share = count / total if total else 0
        verdict = "PASS" if share <= TARGET_WARNED_SHARE else "FAIL"
        print(f"  all: {count} of {total} commits have {name} ({100 * share:.1f}%); "
              f"target <= {100 * TARGET_WARNED_SHARE:g}%: {verdict}")


def without_caps(result):
    """Commits with a finding other than caps: a release's whole change to a file, replayed as
    one commit, is bigger than any of the real commits it gathers, so caps there say little."""
    return [item for item in result["warned"] if any(not rule.startswith("caps/") for rule in item["rules"])]


def build():
    log("building promptmcp (debug)")
    subprocess.run(["nice", "-n", "10", "swift", "build", "--product", "promptmcp"], cwd=PACKAGE_ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(PACKAGE_ROOT, ".build", "debug", "promptmcp")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", help="the promptmcp to measure (default: build this package)")
    parser.add_argument("--before", help="an older promptmcp to measure too, shown as the 'before' column")
    parser.add_argument("--skip-replay", action="store_true", help="scans only")
    parser.add_argument("--skip-scan", action="store_true", help="replayed changes only")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON too")
    parser.add_argument("--verbose", action="store_true", help="list each replayed commit's findings other than caps")
    parser.add_argument("--skip-init", action="store_true", help="skip `init` then `scan` on each scanned repository")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary) if args.binary else build()
    binaries = ([("before", os.path.abspath(args.before))] if args.before else []) + [("after", binary)]
    labels = [label for label, _ in binaries]
    raw = {}
    if not args.skip_scan:
        scans = {label: {} for label in labels}
        for repo in SCANNED:
            path = clone(repo, "HEAD", repo.replace("/", "_"))
            for label, exe in binaries:
                log(f"scanning {repo} with {label}")
                scans[label][repo] = scan(exe, path)
        print_scans(scans, labels)
        raw["scans"] = scans
    if not args.skip_init:
        raw["init"] = {repo: init_then_scan(binary, repo) for repo in SCANNED}
    if not args.skip_replay:
        for label, exe in binaries:
            replays = {}
            for pair in REPLAYED:
                log(f"replaying {pair[0]} {pair[1]} -> {pair[2]} with {label}")
                replays[pair] = replay(exe, *pair)
            print_replays(replays, label, verbose=args.verbose)
            raw[f"replays ({label})"] = {f"{r} {o}..{n}": v for (r, o, n), v in replays.items()}
    if args.json:
        print(json.dumps(raw, indent=2))


if __name__ == "__main__":
    main()
