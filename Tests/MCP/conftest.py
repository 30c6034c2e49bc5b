"""Fixtures for driving `promptmcp mcp` with the official MCP Python client over stdio.

The Swift test `MCPServerTests` builds a template repository (a commit, a staged change, a
policy, docs, a lesson, an imported documentation library, a symlink that leads out) and runs
pytest with:

- PROMPTMCP_BINARY: the built `promptmcp` (the tests start `promptmcp mcp`, which execs
  `promptmcp-mcp` beside it);
- PROMPTMCP_MCP_TEMPLATE: the template repository; each test works on its own copy, so audit
  records, rate limits and todos of one test never leak into another;
- PROMPTMCP_CACHE_DIR: the documentation cache the template's library was imported into.
"""

import os
import shutil
import subprocess
from contextlib import asynccontextmanager

import anyio
import pytest

try:
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client
except ImportError as error:  # a missing client must fail the run, not skip it
    raise ImportError("the official MCP Python client is missing: pip install mcp") from error


def _required(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run these tests through `swift test --filter MCPServerTests`")
    return value


@pytest.fixture
def repo(tmp_path):
    """A private copy of the template repository (symlinks kept as symlinks)."""
    path = tmp_path / "repo"
    shutil.copytree(_required("PROMPTMCP_MCP_TEMPLATE"), path, symlinks=True)
    return str(path)


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True).stdout


def promptmcp(repo, *args):
    return subprocess.run([_required("PROMPTMCP_BINARY"), *args], cwd=repo, capture_output=True, text=True)


@asynccontextmanager
async def session(repo, env=None):
    """An initialized client session with `promptmcp mcp` started in `repo` (`env` added)."""
    params = StdioServerParameters(command=_required("PROMPTMCP_BINARY"), args=["mcp"], cwd=repo,
                                   env={**os.environ, "PROMPTMCP_MCP_LOG": "quiet", **(env or {})})
    with open(os.devnull, "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as client:
                await client.initialize()
                yield client


def text(result):
    """All text content of a tool result, joined."""
    return "\n".join(item.text for item in result.content)


def summary(result):
    """The answer's first text: the short summary the model reads (the enriched prompt, for enhance)."""
    return result.content[0].text


def structured(result):
    """The answer's structuredContent (mcp 1.x names it structuredContent, 2.x structured_content)."""
    value = getattr(result, "structured_content", getattr(result, "structuredContent", None))
    assert value is not None, "no structuredContent: " + text(result)
    return value


def is_error(result):
    # mcp 1.x names the field isError, 2.x is_error.
    return bool(getattr(result, "is_error", getattr(result, "isError", False)))


def correlation_id(result):
    meta = getattr(result, "meta", None) or {}
    return meta.get("promptmcp/correlationId")


def run(body, timeout=60):
    """Runs an async test body; a server that stops answering fails the test instead of hanging it."""
    async def bounded():
        with anyio.fail_after(timeout):
            await body()
    anyio.run(bounded)
