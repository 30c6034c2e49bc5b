import Yams

/// Lays a validated policy file over a base policy. Only called after `PolicyValidator` found
/// no error, so a value of the wrong type here is a bug, not a user mistake.
struct PolicyBuilder {
    let file: String
    var policy: Policy

    mutating func apply(_ root: Node) {
        guard let mapping = root.mapping else { return }
        for (key, value) in mapping {
            switch key.string {
            case "caps": applyCaps(value)
            case "quality": applyRules(value, area: "quality")
            case "secrets": applySecrets(value)
            case "protected": applyProtected(value)
            case "paths": policy.paths += value.sequence?.map(pathOverride) ?? []
            case "message": applyMessage(value)
            case "citations": applyCitations(value)
            case "rate_limits": policy.rateLimits = value.sequence?.map(rateLimit) ?? []
            case "tests": policy.tests = value.sequence?.map(testGate) ?? []
            case "mcp": applyMCP(value)
            case "content_rules": policy.contentRules = value.sequence?.map(contentRule) ?? []
            case "agents": applyAgents(value)
            default: break  // version; unknown keys never get here (the validator rejects them)
            }
        }
    }

    private mutating func applyCaps(_ node: Node) {
        if let value = int(node["max_lines_per_file"]) { policy.caps.maxLinesPerFile = value }
        if let value = int(node["max_files"]) { policy.caps.maxFiles = value }
        if let value = int(node["max_total_lines"]) { policy.caps.maxTotalLines = value }
        if let value = choice(node["count"], LineCount.init) { policy.caps.count = value }
        if let value = choice(node["severity"], Severity.init) {
            policy.caps.severity = value
            for id in Policy.Caps.ruleIDs { policy.rules[id] = Policy.RuleSetting(severity: value, options: [:], location: value.location) }
        }
    }

    /// `quality: { conflict-marker: error, line-length: { severity: warning, max: 120 } }`
    mutating func applyRules(_ node: Node, area: String) {
        for (key, value) in node.mapping ?? [:] {
            guard let name = key.string else { continue }
            var setting = Policy.RuleSetting(severity: nil, options: [:], location: location(key))
            if value.scalar != nil {
                setting.severity = choice(value, Severity.init)
            } else {
                for (optionKey, optionValue) in value.mapping ?? [:] {
                    guard let option = optionKey.string else { continue }
                    if option == "severity" {
                        setting.severity = choice(optionValue, Severity.init)
                    } else {
                        setting.options[option] = Located(OptionValue(optionValue), at: location(optionValue))
                    }
                }
            }
            policy.rules["\(area)/\(name)"] = setting
        }
    }

    private mutating func applyProtected(_ node: Node) {
        let list = node.sequence.map(Array.init) ?? node["paths"]?.sequence.map(Array.init) ?? []
        policy.protected.globs = list.compactMap(glob)
        if let value = choice(node["severity"], Severity.init) {
            policy.protected.severity = value
            policy.rules[ProtectedPathRule.description.id] = Policy.RuleSetting(severity: value, options: [:], location: value.location)
        }
    }

    private func pathOverride(_ node: Node) -> Policy.PathOverride {
        let match = node["match"]
        let globs = (match?.sequence.map(Array.init) ?? match.map { [$0] } ?? []).compactMap(glob).map(\.value)
        let caps = node["caps"]
        var override = Policy.PathOverride(
            globs: globs,
            location: location(node),
            exclude: bool(node["exclude"]),
            protected: bool(node["protected"]),
            maxLinesPerFile: int(caps?["max_lines_per_file"]),
            count: choice(caps?["count"], LineCount.init),
            rules: Dictionary((node["rules"]?.mapping ?? [:]).compactMap { key, value in
                key.string.flatMap { id in choice(value, Severity.init).map { (id, $0) } }
            }) { $1 },
            generated: bool(node["generated"])
        )
        if let severity = choice(caps?["severity"], Severity.init) { override.setCapsSeverity(severity) }
        return override
    }

    // MARK: - Scalars with their places

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    func int(_ node: Node?) -> Located<Int>? {
        guard let node, let value = node.int else { return nil }
        return Located(value, at: location(node))
    }

    func bool(_ node: Node?) -> Located<Bool>? {
        guard let node, let value = node.policyBool else { return nil }
        return Located(value, at: location(node))
    }

    func glob(_ node: Node) -> Located<Glob>? {
        guard let text = node.string, let glob = try? Glob(text) else { return nil }
        return Located(glob, at: location(node))
    }

    func choice<T>(_ node: Node?, _ make: (String) -> T?) -> Located<T>? {
        guard let node, let text = node.string, let value = make(text) else { return nil }
        return Located(value, at: location(node))
    }
}
