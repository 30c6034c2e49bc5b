/// The sections of `config show` after caps, protected and paths: every rule with its severity
/// and options, secrets, message, citations, rate limits, test gates and mcp, each value with
/// where it was set, as YAML that `config validate` accepts.
extension PolicyDescription {
    static func sections(_ policy: Policy) -> [String] {
        rules(policy, key: "quality", QualityRules.all.map { $0.description })
            + secrets(policy) + message(policy.message) + citations(policy.citations)
            + rateLimits(policy.rateLimits) + tests(policy.tests) + mcp(policy.mcp)
    }

    /// `quality:` (or `secrets.rules:`): each rule's severity and options, set or default.
    private static func rules(_ policy: Policy, key: String, _ descriptions: [RuleDescription], indent: String = "") -> [String] {
        var lines = ["\(indent)\(key):"]
        for description in descriptions {
            let configuration = RuleConfiguration(description, policy: policy)
            let setting = policy.rules[description.id]
            let severity = setting?.severity ?? policy.areaSeverity[description.area] ?? Located(description.defaultSeverity)
            lines.append("\(indent)  \(description.name):")
            lines.append(entry("\(indent)    severity", severity.map(\.rawValue)))
            for option in description.options {
                let value = configuration.options[option.name]
                let text = value.map { $0.value.yaml } ?? option.defaultValue
                lines.append(entry("\(indent)    \(option.name): \(text)", Located((), at: value?.location), bare: true))
            }
        }
        return lines
    }

    private static func secrets(_ policy: Policy) -> [String] {
        var lines = ["secrets:", entry("  severity", (policy.areaSeverity["secrets"] ?? Located(.error)).map(\.rawValue)), "  allow:"]
        lines.append("    paths:" + (policy.secretsAllow.paths.isEmpty ? " []" : ""))
        lines += policy.secretsAllow.paths.map { entry("      - " + quoted($0.value.pattern), $0, bare: true) }
        lines.append("    values:" + (policy.secretsAllow.values.isEmpty ? " []" : ""))
        lines += policy.secretsAllow.values.map { entry("      - " + quoted($0.value), $0, bare: true) }
        return lines + rules(policy, key: "rules", SecretRules.descriptions, indent: "  ")
    }

    private static func message(_ message: MessagePolicy) -> [String] {
        ["message:", entry("  severity", message.severity.map(\.rawValue)), entry("  subject_max", message.subjectMax)]
            + [message.pattern.map { entry("  pattern: " + quoted($0.value), $0, bare: true) },
               message.reference.map { entry("  reference: " + quoted($0.value), $0, bare: true) }].compactMap { $0 }
    }

    private static func citations(_ citations: CitationPolicy?) -> [String] {
        guard let citations else { return ["# citations: none asked for (no citations: section)"] }
        return [
            "citations:" + comment(Located((), at: citations.location)),
            entry("  severity", citations.severity.map(\.rawValue)),
            "  when:",
            "    paths: [\(citations.paths.map { quoted($0.value.pattern) }.joined(separator: ", "))]",
            entry("    min_added_lines", citations.minAddedLines),
            "    file_types: [\(citations.fileTypes.map(quoted).joined(separator: ", "))]",
            entry("  trailers: [\(citations.trailers.value.map(quoted).joined(separator: ", "))]", citations.trailers, bare: true),
            entry("  verify", citations.verify.map(\.rawValue)),
        ]
    }

    private static func rateLimits(_ limits: [RateLimit]) -> [String] {
        ["rate_limits:" + (limits.isEmpty ? " []" : "")] + limits.flatMap(rateLimit)
    }

    private static func rateLimit(_ limit: RateLimit) -> [String] {
        let paths = limit.paths.map { quoted($0.pattern) }.joined(separator: ", ")
        var lines = ["  - paths: [\(paths)]" + comment(Located((), at: limit.location))]
        if let value = limit.maxCommits { lines.append(entry("    max_commits", value)) }
        if let value = limit.maxLines { lines.append(entry("    max_lines", value)) }
        let window: Located<String> = limit.windowSeconds.map { "\($0)s" }
        lines.append(entry("    window", window))
        lines.append(entry("    per", limit.per.map(\.rawValue)))
        lines.append(entry("    severity", limit.severity.map(\.rawValue)))
        return lines
    }

    private static func tests(_ gates: [TestGate]) -> [String] {
        ["tests:" + (gates.isEmpty ? " []" : "")] + gates.flatMap { gate in
            let command: String
            switch gate.command {
            case .arguments(let arguments): command = "[\(arguments.map(quoted).joined(separator: ", "))]"
            case .shell(let line): command = quoted(line)
            }
            return [
                "  - name: \(quoted(gate.name))" + comment(Located((), at: gate.location)),
                "    command: \(command)",
                "    when: [\(gate.when.map { quoted($0.pattern) }.joined(separator: ", "))]",
                "    timeout: \(Int(gate.timeoutSeconds))s",
                "    network: \(gate.network)",
                "    snapshot: \(gate.snapshot.rawValue)",
                "    severity: \(gate.severity.rawValue)",
                "    run_after_failures: \(gate.runAfterFailures)",
            ]
        }
    }

    private static func mcp(_ mcp: MCPPolicy) -> [String] {
        ["mcp:", "  rate_limits:" + (mcp.rateLimits.isEmpty ? " {}" : "")]
            + mcp.rateLimits.sorted { $0.key < $1.key }.map { tool, rate in
                let period = [1: "s", 60: "min", 3600: "h", 86_400: "d"][rate.value.perSeconds] ?? "s"
                return entry("    \(quoted(tool)): \(rate.value.count)/\(period)", rate, bare: true)
            }
    }
}
