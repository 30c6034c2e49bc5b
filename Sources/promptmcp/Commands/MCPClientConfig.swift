import PromptMCPKit

/// What `promptmcp mcp --print-config` prints: for each common MCP client, where its
/// configuration lives and the entry that starts this server for this repository. The
/// repository is passed both as `--repository` and as `cwd`, since not every client honours
/// `cwd`.
enum MCPClientConfig {
    static func snippets(command: String, repository: String) -> String {
        let args = ["mcp", "--repository", repository]
        let entry = server(command: command, args: args, cwd: repository)
        let vsCode = server(command: command, args: args, cwd: repository, type: "stdio")
        return """
            # promptmcp MCP server for \(repository)
            # command: \(command)
            # args:    \(args.joined(separator: " "))
            # cwd:     \(repository)

            ## Claude Code (.mcp.json in the repository), Claude Desktop (claude_desktop_config.json), Cursor (.cursor/mcp.json)
            \(wrap("mcpServers", entry))

            ## VS Code (.vscode/mcp.json in the repository)
            \(wrap("servers", vsCode))

            ## Claude Code, from the command line
            claude mcp add promptmcp -- \(command) \(args.joined(separator: " "))

            """
    }

    private static func server(command: String, args: [String], cwd: String, type: String? = nil) -> JSONValue {
        var object: [String: JSONValue] = ["command": .string(command), "args": JSONValue(args), "cwd": .string(cwd)]
        if let type { object["type"] = .string(type) }
        return JSONValue(object)
    }

    private static func wrap(_ key: String, _ server: JSONValue) -> String {
        JSONText.render([key: ["promptmcp": server]]).trimmingCharacters(in: .newlines)
    }
}
