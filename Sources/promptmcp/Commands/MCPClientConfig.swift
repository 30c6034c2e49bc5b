import PromptMCPKit

/// What `promptmcp mcp --print-config` prints: for each common MCP client, where its
/// configuration lives and the entry that starts this server. The entries are portable, to be
/// committed for a team: `promptmcp` is found on PATH and the client starts it in the project,
/// so no entry names a path of this machine.
enum MCPClientConfig {
    static let command = "promptmcp"
    static let args = ["mcp"]

    static func snippets() -> String {
        """
        # promptmcp MCP server: portable entries (promptmcp on PATH; the client starts it in the project)

        ## Claude Code (.mcp.json), Cursor (.cursor/mcp.json), Gemini CLI (.gemini/settings.json)
        \(wrap("mcpServers", server()))

        ## VS Code (.vscode/mcp.json)
        \(wrap("servers", server(extra: ["type": "stdio", "cwd": "${workspaceFolder}"])))

        ## OpenAI Codex (.codex/config.toml in the project, or ~/.codex/config.toml)
        \(codexTOML)

        ## Claude Code, from the command line (writes .mcp.json)
        claude mcp add --scope project promptmcp -- \(command) \(args.joined(separator: " "))

        """
    }

    /// TOML has no JSON writer here; the entry is two keys of plain strings.
    static let codexTOML = """
        [mcp_servers.promptmcp]
        command = "\(command)"
        args = [\(args.map { "\"\($0)\"" }.joined(separator: ", "))]
        """

    private static func server(extra: [String: JSONValue] = [:]) -> JSONValue {
        JSONValue(["command": .string(command), "args": JSONValue(args)].merging(extra) { $1 })
    }

    private static func wrap(_ key: String, _ server: JSONValue) -> String {
        JSONText.render([key: ["promptmcp": server]]).trimmingCharacters(in: .newlines)
    }
}
