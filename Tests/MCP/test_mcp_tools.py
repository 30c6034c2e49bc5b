"""The five tools of `promptmcp mcp`, called with good input through the official MCP Python
client (stdio), as an agent calls them.

Run through `swift test --filter MCPServerTests`, which builds the template repository these
tests copy (see conftest.py for what it holds).
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3

import jsonschema

from conftest import git, is_error, promptmcp, run, session, structured, summary, text

TOOLS = {"promptmcp_enhance", "promptmcp_todo", "promptmcp_check", "promptmcp_budget", "promptmcp_health"}
# What Claude Desktop, Copilot CLI and Codex accept as a tool name.
NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def snapshot(repo):
    """What must not change when a change is only judged: index, work tree, refs, objects."""
    with open(os.path.join(repo, ".git", "index"), "rb") as handle:
        index = hashlib.sha256(handle.read()).hexdigest()
    objects = sorted(os.path.relpath(os.path.join(folder, name), repo)
                     for folder, _, names in os.walk(os.path.join(repo, ".git", "objects")) for name in names)
    return index, git(repo, "--no-optional-locks", "status", "--porcelain", "--untracked-files=all"), git(repo, "rev-parse", "HEAD"), objects


def output_schemas(tools):
    return {tool.name: getattr(tool, "output_schema", getattr(tool, "outputSchema", None)) for tool in tools}


def test_lists_the_five_tools_with_names_every_client_accepts_and_closed_input_schemas(repo):
    async def body():
        async with session(repo) as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            assert set(tools) == TOOLS
            for tool in tools.values():
                assert NAME.match(tool.name), tool.name
                schema = output_schemas([tool])[tool.name]
                assert schema and schema["type"] == "object", tool.name
                jsonschema.Draft7Validator.check_schema(schema)
                schema = tool.input_schema if hasattr(tool, "input_schema") else tool.inputSchema
                assert schema["type"] == "object" and schema["additionalProperties"] is False, tool.name
                assert tool.description
            check = tools["promptmcp_check"]
            schema = check.input_schema if hasattr(check, "input_schema") else check.inputSchema
            assert set(schema["properties"]) == {"staged", "edits", "diff"}
            assert schema["properties"]["edits"]["items"]["required"] == ["path", "content"]
    run(body)


def test_health_reports_version_repository_policy_store_and_cache(repo):
    async def body():
        async with session(repo) as client:
            result = await client.call_tool("promptmcp_health", {})
            assert not is_error(result), text(result)
            health = structured(result)
            assert health["version"] == promptmcp(repo, "--version").stdout.strip()
            assert os.path.realpath(health["repository"]["root"]) == os.path.realpath(repo)
            assert health["repository"]["branch"] == "main"
            assert health["policy"]["status"] == "ok"
            assert health["policy"]["rate_limits"] == {"promptmcp_health": "3 per 60 s"}
            assert health["store"]["status"] == "ok"
            assert health["cache"]["status"] == "ok" and health["cache"]["entries"] >= 1
            assert health["breaker"]["state"] == "closed"
    run(body)


def test_health_reports_damaged_stores_rebuilt_with_their_rows(repo, tmp_path):
    """A header overwritten in the state store and in (a copy of) the docs cache: the server
    still answers, health says both were rebuilt, and the todos are still there."""
    async def add_todos():
        async with session(repo) as client:
            for index in range(5):
                assert not is_error(await client.call_tool("promptmcp_todo", {"action": "create", "title": f"task {index}"}))
    run(add_todos)
    cache = str(tmp_path / "cache")
    shutil.copytree(os.environ["PROMPTMCP_CACHE_DIR"], cache)
    for path in (os.path.join(repo, ".git", "promptmcp", "state.sqlite"), os.path.join(cache, "docs.sqlite")):
        connection = sqlite3.connect(path)  # everything into the main file, which is then damaged
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        with open(path, "r+b") as handle:
            handle.write(b"\xa5" * 100)

    async def body():
        async with session(repo, {"PROMPTMCP_CACHE_DIR": cache}) as client:
            health = structured(await client.call_tool("promptmcp_health", {}))
            assert health["store"]["status"] == "recovered", health["store"]
            assert health["store"]["todos"] == 5 and health["store"]["last_recovery"]["problem"] == "file is not a database"
            assert health["cache"]["status"] == "recovered", health["cache"]
            assert health["cache"]["entries"] >= 1 and health["cache"]["last_recovery"]["recovered_rows"] >= 1
            listed = structured(await client.call_tool("promptmcp_todo", {"action": "list"}))
            assert sorted(todo["title"] for todo in listed["todos"]) == [f"task {index}" for index in range(5)]
    run(body)


def test_check_of_the_staged_change_returns_the_json_report(repo):
    async def body():
        async with session(repo) as client:
            result = await client.call_tool("promptmcp_check", {"staged": True})
            assert not is_error(result), text(result)
            report = structured(result)
            assert report["version"] == 1 and report["target"] == "staged change"
            assert report["passed"] is True
            assert report["summary"]["files"] == 1 and report["summary"]["added_lines"] == 1
            # Nothing given means the staged change too.
            assert structured(await client.call_tool("promptmcp_check", {}))["target"] == "staged change"
    run(body)


def test_check_of_edits_judges_them_and_leaves_repository_and_index_unchanged(repo):
    async def body():
        before = snapshot(repo)
        async with session(repo) as client:
            result = await client.call_tool("promptmcp_check", {"edits": [
                {"path": "Sources/App/New.swift", "content": "let a = 1\n<<<<<<< HEAD\n"},
                {"path": "Sources/App/main.swift", "content": "print(\"hello\")\nprint(\"world\")\nprint(\"!\")\n"},
                {"path": "README.md", "content": None},
            ]})
            assert not is_error(result), "violations are findings, not a failed call"
            report = structured(result)
            assert report["target"] == "proposed change" and report["passed"] is False
            assert {(f["rule"], f["file"], f["line"]) for f in report["findings"]} >= {("quality/conflict-marker", "Sources/App/New.swift", 2)}
            assert report["summary"]["files"] == 3
            assert report["summary"]["added_lines"] == 2 + 1, "main.swift is judged over its staged version"
            assert report["summary"]["deleted_lines"] == 3, "README.md's three lines"
        assert snapshot(repo) == before
        assert not os.path.exists(os.path.join(repo, "Sources/App/New.swift"))
    run(body)


def test_check_of_a_diff_applies_it_to_the_index_and_names_a_hunk_that_does_not_apply(repo):
    good = ("diff --git a/Sources/App/main.swift b/Sources/App/main.swift\n"
            "index 0000000..1111111 100644\n--- a/Sources/App/main.swift\n+++ b/Sources/App/main.swift\n"
            "@@ -1,2 +1,3 @@\n print(\"hello\")\n print(\"world\")\n+print(\"again\")\n"
            "diff --git a/docs/new.md b/docs/new.md\nnew file mode 100644\n--- /dev/null\n+++ b/docs/new.md\n"
            "@@ -0,0 +1,2 @@\n+# New\n+text\n")
    bad = good.replace(" print(\"world\")", " print(\"planet\")")

    async def body():
        before = snapshot(repo)
        async with session(repo) as client:
            result = await client.call_tool("promptmcp_check", {"diff": good})
            assert not is_error(result), text(result)
            report = structured(result)
            assert report["target"] == "proposed change"
            assert report["summary"]["files"] == 2 and report["summary"]["added_lines"] == 3
            result = await client.call_tool("promptmcp_check", {"diff": bad})
            assert is_error(result)
            message = text(result)
            assert "Sources/App/main.swift" in message and "hunk 1 (@@ -1,2 +1,3 @@)" in message, message
            assert "'print(\"world\")' in the index" in message, message
        assert snapshot(repo) == before
    run(body)


def test_todo_creates_lists_filters_updates_completes_and_deletes(repo):
    async def call(client, **arguments):
        result = await client.call_tool("promptmcp_todo", arguments)
        assert not is_error(result), text(result)
        return structured(result)

    async def body():
        async with session(repo) as client:
            first = (await call(client, action="create", title="Add the greeter", priority="high", tags=["greeter"]))["todo"]
            second = (await call(client, action="create", title="Write docs", notes="guide for greeter"))["todo"]
            assert first["status"] == "open" and second["priority"] == "normal"
            listed = await call(client, action="list")
            assert [t["id"] for t in listed["todos"]] == [first["id"], second["id"]], "high priority first"
            assert [t["id"] for t in (await call(client, action="list", tags=["greeter"]))["todos"]] == [first["id"]]
            assert [t["id"] for t in (await call(client, action="list", query="guide"))["todos"]] == [second["id"]]
            assert [t["id"] for t in (await call(client, action="list", priority="high"))["todos"]] == [first["id"]]
            updated = (await call(client, action="update", id=second["id"], status="in_progress", tags=["docs"]))["todo"]
            assert updated["status"] == "in_progress" and updated["tags"] == ["docs"]
            done = (await call(client, action="complete", id=first["id"]))["todo"]
            assert done["status"] == "done" and done["completed_at"]
            assert [t["id"] for t in (await call(client, action="list"))["todos"]] == [second["id"]], "done tasks are hidden"
            assert (await call(client, action="list", includeDone=True))["total"] == 2
            assert (await call(client, action="delete", id=second["id"]))["deleted"]["title"] == "Write docs"
            missing = await client.call_tool("promptmcp_todo", {"action": "complete", "id": 999})
            assert is_error(missing) and "there is no task 999" in text(missing)
    run(body)


def test_enhance_adds_policy_facts_lessons_and_cited_documentation_within_the_budget(repo):
    async def body():
        async with session(repo) as client:
            result = await client.call_tool("promptmcp_enhance", {
                "prompt": "Add a formal greeting to main.swift",
                "context": {"file": "Sources/App/main.swift", "framework": "greeter", "style": "Keep functions short."},
            })
            assert not is_error(result), text(result)
            enhanced = summary(result)
            cited = structured(result)["snippets"]
            assert {"citation": "docs/guide.md"}.items() <= next(s for s in cited if s["source"].startswith("docs/guide.md")).items()
            assert enhanced.startswith("Add a formal greeting to main.swift\n")
            assert "Sources/App/main.swift: max_lines_per_file: 40" in enhanced
            assert "protected (never change): LICENSE" in enhanced
            assert "languages: Swift" in enhanced and "test: swift test" in enhanced
            assert "Greet through Greeter" in enhanced, "the lesson for Sources/App/*.swift"
            assert "Cite as: `Source: docs/guide.md`" in enhanced
            assert "Cite as: `Source: context7:/acme/greeter@1.0`" in enhanced
            assert "Keep functions short." in enhanced
            assert len(enhanced.encode()) <= 2000 * 4

            small = summary(await client.call_tool("promptmcp_enhance", {
                "prompt": "Add a formal greeting", "context": {"framework": "greeter"}, "options": {"maxTokens": 200}}))
            assert len(small.encode()) <= 200 * 4 and "left out to stay within maxTokens" in small
            no_cache = summary(await client.call_tool("promptmcp_enhance", {
                "prompt": "formal greeting letters", "options": {"useCache": False}}))
            assert "context7:" not in no_cache
    run(body)


def test_every_answer_validates_against_its_output_schema_with_a_summary_first(repo):
    calls = [("promptmcp_health", {}), ("promptmcp_check", {"staged": True}),
             ("promptmcp_check", {"edits": [{"path": "Sources/App/New.swift", "content": "<<<<<<< HEAD\n"}]}),
             ("promptmcp_todo", {"action": "create", "title": "One"}), ("promptmcp_todo", {"action": "list"}),
             ("promptmcp_todo", {"action": "complete", "id": 1}), ("promptmcp_todo", {"action": "delete", "id": 1}),
             ("promptmcp_enhance", {"prompt": "greeting"}), ("promptmcp_budget", {"paths": ["Sources/App/main.swift"]})]

    async def body():
        async with session(repo) as client:
            schemas = output_schemas((await client.list_tools()).tools)
            for name, arguments in calls:
                result = await client.call_tool(name, arguments)
                assert not is_error(result), (name, text(result))
                jsonschema.validate(structured(result), schemas[name])
                assert not summary(result).startswith("{"), (name, "a summary, not JSON, comes first")
                assert json.loads(result.content[-1].text) == structured(result), "the text copy of structuredContent"
    run(body)


def test_budget_counts_staged_and_unstaged_changes_since_the_last_commit(repo):
    with open(os.path.join(repo, "Sources/App/main.swift"), "a") as handle:
        handle.write("print(\"unstaged\")\n")

    async def body():
        async with session(repo) as client:
            budget = structured(await client.call_tool("promptmcp_budget", {"paths": ["Sources/App/main.swift", "LICENSE"]}))
            main, license_ = budget["paths"]
            assert main["path"] == "Sources/App/main.swift" and main["lines"]["used"] == 2, "one staged line, one unstaged"
            assert main["lines"]["limit"] == 40 and main["lines"]["left"] == 38
            assert license_["protected"] is True
            changed = git(repo, "status", "--porcelain", "--untracked-files=all").decode().splitlines()
            assert budget["files"]["used"] == len(changed), changed
            assert budget["mcp_rate_limits"]["promptmcp_health"] == {"per_seconds": 60, "limit": 3, "used": 0, "left": 3}
    run(body)


def test_print_config_gives_portable_entries_and_a_codex_toml_table(repo):
    result = promptmcp(repo, "mcp", "--print-config")
    assert result.returncode == 0, result.stderr
    assert repo not in result.stdout and os.path.realpath(repo) not in result.stdout, "no path of this machine"
    blocks, current = [], []
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            current = [line]
        elif current:
            current.append(line)
            if line == "}":
                blocks.append(json.loads("\n".join(current)))
                current = []
    servers = [block.get("mcpServers", block.get("servers"))["promptmcp"] for block in blocks]
    assert len(servers) == 2
    for server in servers:
        assert server["command"] == "promptmcp" and server["args"] == ["mcp"]
    toml = result.stdout.split("[mcp_servers.promptmcp]\n", 1)[1].split("\n\n", 1)[0]
    import tomllib
    assert tomllib.loads("[mcp_servers.promptmcp]\n" + toml) == {"mcp_servers": {"promptmcp": {"command": "promptmcp", "args": ["mcp"]}}}
