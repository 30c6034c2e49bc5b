import Yams

/// `mcp:`: what the MCP server (`promptmcp mcp`) allows an agent.
public struct MCPPolicy: Sendable {
    /// The tools the server offers: the keys `mcp.rate_limits` accepts. Listed here, not in the
    /// server, so that the policy file's validation (which must not link the MCP SDK) knows them.
    public static let toolNames = ["promptmcp.enhance", "promptmcp.todo", "promptmcp.check", "promptmcp.health"]

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
    /// `mcp: { rate_limits: { promptmcp.check: 60/min } }`
    mutating func applyMCP(_ node: Node) {
        for (key, value) in node["rate_limits"]?.mapping ?? [:] {
            guard let tool = key.string, let rate = choice(value, MCPPolicy.Rate.init) else { continue }
            policy.mcp.rateLimits[tool] = rate
        }
    }
}
