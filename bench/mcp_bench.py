#!/usr/bin/env python3
"""Benchmark `promptmcp mcp` through the official MCP Python client (`pip install mcp`), over stdio.

Measures, with a release build (`swift build -c release --static-swift-stdlib --scratch-path
.build-mcp`, or --bin-dir):

  startup  time from spawning `promptmcp mcp` to the answer of `tools/list` (initialize and
           tools/list included), one fresh process per run. Target: under 150 ms.
  check    round-trip latency of `promptmcp_check {staged: true}` on bench.py's small staged
           change (swift-nio, 10 files, +200/-5), many calls in one session; the median.
           Target: under 20 ms.

Both are what an agent sees through a real client, Python's own overhead included; the
server's share of a check is shown too (the report's summary.duration_ms: judging only).

    python3 bench/mcp_bench.py                    # build, reuse or generate the small repo, measure
    python3 bench/mcp_bench.py --bin-dir .build-mcp/release --runs 30 --calls 100 --json
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import anyio

try:
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client
except ImportError:
    sys.exit("mcp_bench.py needs the official MCP Python client: pip install mcp")

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
PACKAGE_ROOT = os.path.dirname(BENCH_DIR)
sys.path.insert(0, BENCH_DIR)
import bench  # noqa: E402  (the small scenario's generator and its isolated environment)

SCRATCH = ".build-mcp"
TARGETS = {"startup": 150.0, "check": 20.0}


def build():
    command = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", SCRATCH]
    bench.log(f"building ({' '.join(command)}) ...")
    subprocess.run(command, cwd=PACKAGE_ROOT, check=True, stdout=sys.stderr)
    return subprocess.run(command + ["--show-bin-path"], cwd=PACKAGE_ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()


def parameters(binary, args, repo, env):
    return StdioServerParameters(command=binary, args=args, cwd=repo, env={**env, "PROMPTMCP_MCP_LOG": "quiet"})


async def startup_once(params):
    start = time.perf_counter()
    with open(os.devnull, "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as client:
                await client.initialize()
                tools = await client.list_tools()
                elapsed = (time.perf_counter() - start) * 1000
    assert len(tools.tools) == 4, tools
    return elapsed


async def check_latencies(params, calls, warmup):
    latencies, judged = [], []
    with open(os.devnull, "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as client:
                await client.initialize()
                for index in range(warmup + calls):
                    start = time.perf_counter()
                    result = await client.call_tool("promptmcp_check", {"staged": True})
                    elapsed = (time.perf_counter() - start) * 1000
                    report = json.loads(result.content[0].text)
                    if index >= warmup:
                        latencies.append(elapsed)
                        judged.append(report["summary"]["duration_ms"])
    return latencies, judged, report


def summary(samples):
    ordered = sorted(samples)
    return {"median_ms": statistics.median(ordered), "p90_ms": ordered[int(0.9 * (len(ordered) - 1))],
            "min_ms": ordered[0], "runs": len(ordered)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", help="folder with release promptmcp and promptmcp-mcp (default: build into .build-mcp)")
    parser.add_argument("--runs", type=int, default=15, help="fresh server processes for startup")
    parser.add_argument("--calls", type=int, default=50, help="measured promptmcp_check calls")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    bin_dir = os.path.abspath(options.bin_dir or build())
    env = bench.isolated_env()
    repo, info = bench.ensure_repo("small", False, env)
    promptmcp = os.path.join(bin_dir, "promptmcp")

    results = {}
    for label, binary, args in [("startup", promptmcp, ["mcp"]),
                                ("startup (promptmcp-mcp directly)", os.path.join(bin_dir, "promptmcp-mcp"), [])]:
        params = parameters(binary, args, repo, env)
        anyio.run(startup_once, params)  # warm the page cache
        results[label] = summary([anyio.run(startup_once, params) for _ in range(options.runs)])
    latencies, judged, report = anyio.run(check_latencies, parameters(promptmcp, ["mcp"], repo, env), options.calls, 5)
    assert report["summary"]["files"] == 10, report["summary"]
    results["check"] = summary(latencies)
    results["check (judging in the server)"] = summary(judged)

    verdicts = {name: results[name]["median_ms"] < target for name, target in TARGETS.items()}
    if options.json:
        print(json.dumps({"results": results, "targets": TARGETS, "pass": verdicts, "change": info}, indent=2))
        return
    print(f"small staged change: {report['summary']['files']} files, +{report['summary']['added_lines']}"
          f"/-{report['summary']['deleted_lines']} (bench.py's small scenario)")
    print(f"{'measure':38} {'median':>9} {'p90':>9} {'min':>9} {'runs':>5}")
    for name, values in results.items():
        print(f"{name:38} {values['median_ms']:8.1f}ms {values['p90_ms']:8.1f}ms {values['min_ms']:8.1f}ms {values['runs']:5}")
    for name, target in TARGETS.items():
        print(f"{'PASS' if verdicts[name] else 'FAIL'}  {name}: median {results[name]['median_ms']:.1f} ms, target under {target:.0f} ms")


if __name__ == "__main__":
    main()
