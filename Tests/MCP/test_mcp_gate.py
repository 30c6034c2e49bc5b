"""The policy gate of `promptmcp mcp`, through the official MCP Python client (stdio): bad input,
paths that leave the repository, protected paths, unknown tools, rate limits, the audit log,
concurrent calls, and strings the MCP SDK would otherwise decode as data: URLs.

Run through `swift test --filter MCPServerTests` (see conftest.py).
"""

import json
import os

import anyio

from conftest import correlation_id, is_error, promptmcp, run, session, structured, text


def test_a_proposed_edit_of_a_protected_path_is_refused(repo):
    async def body():
        async with session(repo) as client:
            result = await client.call_tool("promptmcp_check", {"edits": [{"path": "LICENSE", "content": "mine now\n"}]})
            assert is_error(result)
            message = text(result)
            assert message.startswith("refused:") and "LICENSE" in message and "protected" in message, message
            report = json.loads(result.content[1].text)
            assert [f["rule"] for f in report["findings"]] == ["caps/protected-path"]
    run(body)


def test_paths_that_leave_the_repository_are_refused(repo):
    escapes = ["../outside.txt", "Sources/../../outside.txt", "/etc/passwd", "outside/passwd", ".git/hooks/pre-commit"]

    async def body():
        async with session(repo) as client:
            for path in escapes:
                result = await client.call_tool("promptmcp_check", {"edits": [{"path": path, "content": "x\n"}]})
                assert is_error(result), path
                assert "refused" in text(result) and path in text(result), text(result)
            result = await client.call_tool("promptmcp_enhance", {"prompt": "read it", "context": {"file": "outside/passwd"}})
            assert is_error(result) and "symbolic link" in text(result), text(result)
            inside = os.path.join(repo, "Sources/App/main.swift")
            result = await client.call_tool("promptmcp_check", {"edits": [{"path": inside, "content": "print(1)\n"}]})
            assert not is_error(result), "an absolute path inside the repository is fine: " + text(result)
    run(body)


def test_bad_input_is_an_error_result_that_says_what_to_fix(repo):
    cases = [
        ("promptmcp_enhance", {}, "missing required argument 'prompt'"),
        ("promptmcp_enhance", {"prompt": 42}, "arguments.prompt: expected a string, got a number"),
        ("promptmcp_enhance", {"prompt": "x", "options": {"maxTokens": 5}}, "arguments.options.maxTokens: must be from 200 to 32000, not 5"),
        ("promptmcp_check", {"edit": []}, "unknown argument 'edit'; did you mean 'edits'?"),
        ("promptmcp_check", {"edits": [{"path": "a.txt"}]}, "arguments.edits[0]: missing required argument 'content'"),
        ("promptmcp_check", {"edits": [{"path": "a.txt", "content": "x" * (4 << 20 | 1)}]}, "over the limit of 4194304"),
        ("promptmcp_check", {"edits": [], "diff": "x"}, "give one of staged, edits or diff"),
        ("promptmcp_check", {"diff": "not a diff"}, "no file changes found"),
        ("promptmcp_todo", {"action": "crate"}, "did you mean 'create'?"),
        ("promptmcp_todo", {"action": "complete"}, "needs the task's id"),
        ("promptmcp_todo", {"action": "create", "title": "x", "limit": 3}, "action 'create' does not take limit"),
    ]

    async def body():
        async with session(repo) as client:
            for tool, arguments, expected in cases:
                result = await client.call_tool(tool, arguments)
                assert is_error(result), (tool, arguments)
                assert expected in text(result), (expected, text(result))
    run(body)


def test_an_unknown_tool_is_a_protocol_error(repo):
    async def body():
        async with session(repo) as client:
            try:
                await client.call_tool("promptmcp.deploy", {})
            except Exception as error:  # McpError (mcp 1.x) or MCPError (2.x)
                assert "unknown tool 'promptmcp.deploy'" in str(error) and "promptmcp_check" in str(error)
            else:
                raise AssertionError("an unknown tool must be an error")
    run(body)


def test_content_shaped_like_a_data_url_is_judged_as_written(repo):
    # The MCP SDK decodes strings shaped like data: URLs; the server must see the text as sent.
    content = "data: x\n\n\n, y\n<<<<<<< ours\n"

    async def body():
        async with session(repo) as client:
            result = await client.call_tool("promptmcp_check", {"edits": [{"path": "notes.txt", "content": content}]})
            report = structured(result)
            assert report["summary"]["added_lines"] == 5
            assert [(f["rule"], f["line"]) for f in report["findings"]] == [("quality/conflict-marker", 5)]
    run(body)


def test_concurrent_calls_are_all_answered(repo):
    async def body():
        async with session(repo) as client:
            answers = {}

            async def one(number):
                tool, arguments = [
                    ("promptmcp_check", {"staged": True}),
                    ("promptmcp_check", {"edits": [{"path": f"f{number}.txt", "content": f"{number}\n"}]}),
                    ("promptmcp_todo", {"action": "create", "title": f"task {number}"}),
                    ("promptmcp_enhance", {"prompt": f"greeting {number}"}),
                ][number % 4]
                answers[number] = await client.call_tool(tool, arguments)

            async with anyio.create_task_group() as group:
                for number in range(24):
                    group.start_soon(one, number)
            assert len(answers) == 24
            assert not any(is_error(result) for result in answers.values())
            assert len({correlation_id(result) for result in answers.values()}) == 24
            todos = structured(await client.call_tool("promptmcp_todo", {"action": "list", "limit": 100}))
            assert todos["total"] == 6
    run(body)


def test_the_policy_rate_limit_refuses_calls_over_it(repo):
    async def body():
        async with session(repo) as client:
            results = [await client.call_tool("promptmcp_health", {}) for _ in range(4)]
            assert [is_error(result) for result in results] == [False, False, False, True]
            assert "rate limit reached: promptmcp_health allows 3 calls per minute" in text(results[3])
            assert ".promptmcp/policy.yml" in text(results[3])
        async with session(repo) as client:  # a new server process does not reset the limit
            assert is_error(await client.call_tool("promptmcp_health", {}))
    run(body)


def test_every_call_leaves_an_audit_record_listed_by_promptmcp_audit(repo):
    async def body():
        async with session(repo) as client:
            ok = await client.call_tool("promptmcp_check", {"staged": True})
            invalid = await client.call_tool("promptmcp_check", {"edits": "nope"})
            refused = await client.call_tool("promptmcp_check", {"edits": [{"path": "../x", "content": ""}]})
            try:
                await client.call_tool("promptmcp.nope", {"secret": "hunter2"})
            except Exception:
                pass
        listed = promptmcp(repo, "audit", "--format", "json", "--limit", "10")
        assert listed.returncode == 0, listed.stderr
        entries = json.loads(listed.stdout)
        assert [(e["tool"], e["outcome"]) for e in entries] == [
            ("promptmcp.nope", "unknown-tool"), ("promptmcp_check", "refused"),
            ("promptmcp_check", "invalid"), ("promptmcp_check", "ok")]
        assert entries[3]["correlationID"] == correlation_id(ok)
        assert entries[2]["correlationID"] == correlation_id(invalid)
        assert entries[1]["correlationID"] == correlation_id(refused)
        assert all(len(e["argumentDigest"]) == 40 and e["durationMilliseconds"] is not None for e in entries)
        assert "hunter2" not in listed.stdout, "arguments are never stored"
        assert "promptmcp_check" in promptmcp(repo, "audit").stdout
    run(body)
