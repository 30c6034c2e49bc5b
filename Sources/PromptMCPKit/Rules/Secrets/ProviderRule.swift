/// A provider's secret format as data: the bundled catalog (`ProviderCatalog`) is a list of
/// these, compiled into the binary, so that no rules file is read or parsed when a hook runs.
/// A rule is found either by its token's literal prefix (`formats`, in `SecretPatternSyntax`),
/// or, for a token without a prefix (a UUID, 32 hex digits), as the value assigned to a name
/// holding one of `names` (`HEROKU_API_KEY=...`): then `formats` describe the whole value.
struct ProviderRule: Sendable {
    struct Format: Sendable {
        /// What a finding calls it: "GitHub personal access token".
        var label: String
        var pattern: String
    }

    /// The id after `secrets/`.
    var name: String
    var provider: String
    var summary: String
    /// The provider's documentation of the format, or of where to revoke it.
    var docs: String
    var formats: [Format]
    /// Lowercase words that the assigned name must hold, for formats without a prefix.
    var names: [String] = []
    /// The least entropy of the secret, in bits per byte; nil for the usual bar for its length.
    var entropy: Double?
    /// The bytes that may not touch a match on either side (`ByteSet` syntax).
    var boundary = "A-Za-z0-9_-"
    /// Regular expressions of values never reported: published examples of the format.
    var allow: [String] = []
    var severity = Severity.error
    var revoke: String
    var examples: [RuleExample]

    init(_ name: String, _ provider: String, _ summary: String, docs: String, revoke: String,
         _ formats: [(String, String)], names: [String] = [], entropy: Double? = nil, boundary: String = "A-Za-z0-9_-",
         allow: [String] = [], severity: Severity = .error, examples: [RuleExample]) {
        self.name = name
        self.provider = provider
        self.summary = summary
        self.docs = docs
        self.revoke = revoke
        self.formats = formats.map { Format(label: $0.0, pattern: $0.1) }
        self.names = names
        self.entropy = entropy
        self.boundary = boundary
        self.allow = allow
        self.severity = severity
        self.examples = examples
    }

    var description: RuleDescription {
        let patterns = formats.map { "`\($0.pattern)`" }.joined(separator: ", ")
        return RuleDescription(id: "secrets/" + name, summary: "\(provider): \(summary): \(patterns) (\(docs))", defaultSeverity: severity,
                               policyKey: "secrets.rules." + name, examples: examples)
    }

    /// The formats compiled; a pattern that does not compile is a bug of the catalog, which a
    /// test compiles in full.
    func compiled() -> [TokenFormat] {
        let boundary = ByteSet(boundary)
        return formats.map { format in
            let pattern = try! SecretPatternSyntax.compile(format.pattern)
            return names.isEmpty ? TokenFormat(format.label, pattern: pattern, boundary: boundary, minEntropy: entropy)
                : TokenFormat(format.label, prefixes: [], pattern.whole, boundary: boundary, minEntropy: entropy)
        }
    }

    /// The names as keywords, each also without its underscores and with dots or dashes for
    /// them (`signing_secret` finds `signingSecret`, `SIGNINGSECRET` and `signing.secret`).
    var nameKeywords: [[UInt8]] {
        // Bytes, not Foundation's replacingOccurrences: this runs for every rule at start-up.
        var keywords: [[UInt8]] = []
        for name in names {
            let bytes = Array(name.utf8)
            for separator: UInt8? in [UInt8(ascii: "_"), nil, UInt8(ascii: "."), UInt8(ascii: "-")] {
                let spelled = bytes.compactMap { $0 == UInt8(ascii: "_") ? separator : $0 }
                if !keywords.contains(spelled) { keywords.append(spelled) }
            }
        }
        return keywords
    }

    var kind: SecretKind {
        let formats = compiled()
        let names = nameKeywords
        let matchers: [any SecretMatcher] = names.isEmpty ? formats : formats.map { AssignedTokenMatcher(names: names, format: $0) }
        return SecretKind(description: description, revoke: revoke, allow: allow.map { PolicyRegex(builtIn: $0) }, matchers: { _ in matchers })
    }
}

/// A token without a prefix, found as the value assigned to a name that holds one of `names`
/// (`heroku_api_key: 01234567-...`): the whole value must have the format.
struct AssignedTokenMatcher: SecretMatcher {
    let names: [[UInt8]]
    let format: TokenFormat

    var keywords: [[UInt8]] { names }
    var foldsCase: Bool { true }

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        guard let (_, value) = AssignmentSyntax.locate(text, keyword: start..<(start + names[keyword].count)),
              let (_, end) = TokenFormat.walk(format.segments, text, from: value.lowerBound), end == value.upperBound,
              SecretEntropy.bits(text.bytes, value) >= format.minEntropy ?? SecretEntropy.threshold(length: value.count)
        else { return nil }
        return SecretMatch(value: value, label: format.name)
    }
}
