import Yams

/// `mcp:`: what the MCP server (`promptmcp mcp`) allows an agent.
public struct MCPPolicy: Sendable {
    /// The tools the server offers: the keys `mcp.rate_limits` accepts. Listed here, not in the
    /// server, so that the policy file's validation (which must not link the MCP SDK) knows them.
    /// Names match `^[a-zA-Z0-9_-]{1,64}$`: Claude Desktop rejects a server with any other tool
    /// name, and Copilot CLI and Codex fail every request.
    public static let toolNames = ["promptmcp_enhance", "promptmcp_todo", "promptmcp_check", "promptmcp_budget", "promptmcp_health"]

    /// The dotted names of earlier versions, still accepted as `mcp.rate_limits` keys with a note.
    public static let deprecatedToolNames = Dictionary(uniqueKeysWithValues: toolNames.map {
        ($0.replacingOccurrences(of: "promptmcp_", with: "promptmcp."), $0)
    })

    /// At most `count` calls of a tool per `perSeconds`, by tool name.
    public var rateLimits: [String: Located<Rate>] = [:]

    public struct Rate: Sendable, Equatable {
        public var count: Int
        public var perSeconds: Int

        public init(count: Int, perSeconds: Int) {
            self.count = count
            self.perSeconds = perSeconds
        }

        /// `60/min`, `5/s`, `1000/h`: the notation the policy file uses.
        public init?(_ text: String) {
            guard let rate = Notation.rate(text) else { return nil }
            self.init(count: rate.count, perSeconds: rate.perSeconds)
        }
    }
}

extension PolicyBuilder {
    /// `mcp: { rate_limits: { promptmcp_check: 60/min } }`; an old dotted name counts for its
    /// new one, with a note that says to rename it.
    mutating func applyMCP(_ node: Node) {
        for (key, value) in node["rate_limits"]?.mapping ?? [:] {
            guard let written = key.string, let rate = choice(value, MCPPolicy.Rate.init) else { continue }
            var tool = written
            if let renamed = MCPPolicy.deprecatedToolNames[written] {
                tool = renamed
                policy.notes.append("\(location(key)): mcp.rate_limits key '\(written)' is deprecated; "
                                    + "write '\(renamed)' (the MCP tools lost the dot in their names)")
            }
            policy.mcp.rateLimits[tool] = rate
        }
    }
}
