import Yams

/// `agents:`: a stricter tier for changes an AI coding agent makes. The agent hook
/// (`promptmcp agent-hook`) and the MCP server judge an agent's edits with it, and CI judges
/// with it every commit whose message carries one of `commit_trailers` (`Co-Authored-By: Claude`).
public struct AgentsPolicy: Sendable {
    /// Caps that replace the people's caps for agents; unset ones keep the people's value.
    public var maxLinesPerFile: Located<Int>?
    public var maxFiles: Located<Int>?
    public var maxTotalLines: Located<Int>?
    public var capsSeverity = Located(Severity.error)
    /// Paths an agent may not touch, on top of `protected:`.
    public var protected: [Located<Glob>] = []
    /// `rate_limits:` entries that apply to agents only, on top of everyone's.
    public var rateLimits: [RateLimit] = []
    /// Whether an agent may edit the policy, the hooks and its own hook settings (default no:
    /// an agent must not switch off what judges it).
    public var allowPolicyEdits = Located(false)
    /// Patterns searched in a commit message; a match makes the commit an agent's.
    public var commitTrailers: [Located<PolicyRegex>] = AgentsPolicy.defaultTrailers

    public init() {}

    /// Trailers the common agents write into the commits they make.
    public static let defaultTrailers = [
        Located(PolicyRegex(builtIn: "(?im)^Co-Authored-By:.*\\b(Claude|Cursor|Gemini|Codex|Copilot|OpenAI|Anthropic)\\b")),
    ]

    /// What an agent may never edit unless `allow_policy_edits` says so: the policy, and the
    /// files that install its hook into each agent.
    public static let selfProtected = [
        ".promptmcp/**", ".claude/settings.json", ".claude/settings.local.json", ".cursor/hooks.json",
        ".gemini/settings.json", ".codex/hooks.json", ".github/hooks/**",
    ]

    public func recognises(message: String) -> Bool {
        commitTrailers.contains { $0.value.matches(in: message) }
    }
}

extension Policy {
    /// The policy an agent's change is judged by: the agent caps in place of the people's (a
    /// path's own `max_lines_per_file` can only lower them), its protected paths and rate limits
    /// added. Without an `agents:` section, the policy protects itself and is otherwise unchanged.
    public func agentTier() -> Policy {
        var tier = self
        let agents = self.agents ?? AgentsPolicy()
        if let value = agents.maxLinesPerFile {
            tier.caps.maxLinesPerFile = value
            tier.paths = paths.map { override in
                var override = override
                if let own = override.maxLinesPerFile, value.value > 0, own.value == 0 || own.value > value.value { override.maxLinesPerFile = value }
                return override
            }
        }
        if let value = agents.maxFiles { tier.caps.maxFiles = value }
        if let value = agents.maxTotalLines { tier.caps.maxTotalLines = value }
        if self.agents != nil { tier.setSeverity(agents.capsSeverity, of: Caps.ruleIDs) }
        tier.protected.globs += agents.protected
        if !agents.allowPolicyEdits.value {
            tier.protected.globs += AgentsPolicy.selfProtected.map { Located(try! Glob($0)) }
            tier.setSeverity(Located(.error), of: [ProtectedPathRule.description.id])
        }
        tier.rateLimits += agents.rateLimits
        return tier
    }
}

extension Policy {
    /// The severity of these rules wherever no path says otherwise, as `caps.severity` sets it.
    fileprivate mutating func setSeverity(_ severity: Located<Severity>, of ids: [String]) {
        for id in ids { rules[id] = RuleSetting(severity: severity, options: rules[id]?.options ?? [:], location: severity.location) }
        if ids == Caps.ruleIDs { caps.severity = severity } else { protected.severity = severity }
    }
}

extension PolicyBuilder {
    /// `agents: { caps: {...}, protected: [...], rate_limits: [...], allow_policy_edits, commit_trailers }`
    mutating func applyAgents(_ node: Node) {
        var agents = AgentsPolicy()
        if let caps = node["caps"] {
            agents.maxLinesPerFile = int(caps["max_lines_per_file"])
            agents.maxFiles = int(caps["max_files"])
            agents.maxTotalLines = int(caps["max_total_lines"])
            if let value = choice(caps["severity"], Severity.init) { agents.capsSeverity = value }
        }
        agents.protected = node["protected"]?.sequence?.compactMap(glob) ?? []
        agents.rateLimits = node["rate_limits"]?.sequence?.map(rateLimit) ?? []
        if let value = bool(node["allow_policy_edits"]) { agents.allowPolicyEdits = value }
        if let list = node["commit_trailers"]?.sequence {
            // The validator has compiled each pattern already and reported any that does not compile.
            agents.commitTrailers = list.compactMap { item in choice(item) { try? PolicyRegex($0) } }
        }
        policy.agents = agents
    }
}

extension Shape {
    static let agents = Shape.map([
        ("caps", .map([
            ("max_lines_per_file", .integer(minimum: 0)),
            ("max_files", .integer(minimum: 0)),
            ("max_total_lines", .integer(minimum: 0)),
            ("severity", severity),
        ])),
        ("protected", .list(.glob)),
        ("rate_limits", rateLimits),
        ("allow_policy_edits", .boolean),
        ("commit_trailers", .list(.regex)),
    ])
}
