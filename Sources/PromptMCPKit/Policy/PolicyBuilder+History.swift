import Yams

/// The sections about commits and their history: `message`, `citations`, `rate_limits`.
extension PolicyBuilder {
    mutating func applyMessage(_ node: Node) {
        if let value = choice(node["severity"], Severity.init) {
            policy.message.severity = value
            policy.areaSeverity["message"] = value
        }
        if let value = int(node["subject_max"]) { policy.message.subjectMax = value }
        if let value = choice(node["pattern"], { $0 }) { policy.message.pattern = value }
        if let value = choice(node["reference"], { $0 }) { policy.message.reference = value }
    }

    mutating func applyCitations(_ node: Node) {
        var citations = CitationPolicy()
        citations.location = location(node)
        if let value = choice(node["severity"], Severity.init) { citations.severity = value }
        policy.areaSeverity["citations"] = citations.severity
        if let when = node["when"] {
            citations.paths = when["paths"]?.sequence?.compactMap(glob) ?? []
            if let value = int(when["min_added_lines"]) { citations.minAddedLines = value }
            citations.fileTypes = when["file_types"]?.sequence?.compactMap(\.string) ?? []
        }
        if let keys = node["trailers"], let list = keys.sequence {
            citations.trailers = Located(list.compactMap(\.string), at: location(keys))
        }
        if let value = choice(node["verify"], CitationPolicy.Verification.init) { citations.verify = value }
        policy.citations = citations
    }

    func rateLimit(_ node: Node) -> RateLimit {
        RateLimit(
            paths: node["paths"]?.sequence?.compactMap(glob).map(\.value) ?? [],
            maxCommits: int(node["max_commits"]),
            maxLines: int(node["max_lines"]),
            windowSeconds: choice(node["window"], Notation.seconds) ?? Located(86_400),
            per: choice(node["per"], RateLimit.Scope.init) ?? Located(.author),
            severity: choice(node["severity"], Severity.init) ?? Located(.error),
            location: location(node)
        )
    }
}
