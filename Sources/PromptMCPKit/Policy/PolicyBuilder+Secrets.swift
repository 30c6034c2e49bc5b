import Yams

extension PolicyBuilder {
    /// `secrets: { severity: error, allow: { paths: [...], values: [...] }, rules: { jwt: off },
    /// tests_and_docs: warning, custom: [...] }`. The severity applies to every secret rule that
    /// `rules` does not set on its own.
    mutating func applySecrets(_ node: Node) {
        if let value = choice(node["severity"], Severity.init) { policy.areaSeverity["secrets"] = value }
        if let allow = node["allow"] {
            policy.secretsAllow.paths += allow["paths"]?.sequence?.compactMap(glob) ?? []
            policy.secretsAllow.values += allow["values"]?.sequence?.compactMap { node in
                node.string.map { Located($0, at: location(node)) }
            } ?? []
        }
        if let rules = node["rules"] { applyRules(rules, area: "secrets") }
        if let value = choice(node["tests_and_docs"], Severity.init) { policy.secretsInTestsAndDocs = value }
        if let custom = node["custom"]?.sequence { policy.customSecrets = custom.map(customSecret) }
    }

    private func customSecret(_ node: Node) -> CustomSecret {
        let id = located(node["id"])
        return CustomSecret(
            id: id, description: node["description"]?.string ?? "secret (\(id.value))", pattern: located(node["pattern"]),
            keywords: node["keywords"]?.sequence?.compactMap(\.string) ?? [],
            entropy: node["entropy"].map(located),
            paths: node["paths"]?.sequence.map { $0.compactMap(glob).map(\.value) },
            severity: choice(node["severity"], Severity.init)?.value ?? .error,
            examples: examples(node["examples"]))
    }

    func contentRule(_ node: Node) -> ContentRule {
        ContentRule(
            id: located(node["id"]), pattern: located(node["pattern"]),
            paths: node["paths"]?.sequence?.compactMap(glob).map(\.value) ?? [],
            exclude: node["exclude"]?.sequence?.compactMap(glob).map(\.value) ?? [],
            message: node["message"]?.string ?? "", hint: node["hint"]?.string,
            severity: choice(node["severity"], Severity.init)?.value ?? .error,
            examples: examples(node["examples"]))
    }

    private func located(_ node: Node?) -> Located<String> {
        guard let node else { return Located("") }
        return Located(node.string ?? "", at: location(node))
    }

    private func examples(_ node: Node?) -> [RuleExampleText] {
        func lines(_ key: String, _ matches: Bool) -> [RuleExampleText] {
            node?[key]?.sequence?.map { RuleExampleText(text: located($0), matches: matches) } ?? []
        }
        return lines("match", true) + lines("no_match", false)
    }
}
