import Yams

extension PolicyBuilder {
    /// `secrets: { severity: error, allow: { paths: [...], values: [...] }, rules: { jwt: off },
    /// tests_and_docs: warning }`. The severity applies to every secret rule that
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
    }
}
