/// Finds one kind of secret around a keyword that the scan found in an added line.
protocol SecretMatcher: Sendable {
    /// Literals that every secret of this kind contains or follows (gitleaks' keywords): the
    /// scan looks for them first and calls `match` only where one occurs.
    var keywords: [[UInt8]] { get }
    /// Whether keywords are compared ignoring ASCII case (then they are written in lowercase).
    var foldsCase: Bool { get }
    /// The secret around keyword number `keyword`, which starts at `start`, if there is one.
    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch?
}

/// A secret found in a file's content: where its value is, and how to name it in a finding.
struct SecretMatch {
    /// The secret's bytes; never shown, only hashed into the fingerprint.
    var value: Range<Int>
    /// What was found, for the message: "GitHub personal access token".
    var label: String
    /// How many leading bytes of the value are a public, documented prefix that may be shown
    /// (`ghp_`); 0 to show none.
    var shown: Int = 0
    /// Where the finding points, when not at the value (a private key's BEGIN line).
    var position: Int?
}

extension TokenFormat: SecretMatcher {
    var keywords: [[UInt8]] { prefixes }
    var foldsCase: Bool { false }

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        guard let (value, _) = match(text, prefix: keyword, at: start) else { return nil }
        let shown = value.lowerBound == start && before.isEmpty ? prefixes[keyword].count : 0
        return SecretMatch(value: value, label: name, shown: shown)
    }
}

/// Runs the matchers of every secret rule over the added lines of a file in one pass: the
/// keyword index finds where a keyword of any rule occurs, and that keyword's matcher decides.
struct SecretScan: Sendable {
    /// A matcher, and the rule (its index in the scan's rules) that reports what it finds.
    struct Entry: Sendable {
        var rule: Int
        var matcher: any SecretMatcher
    }

    let entries: [Entry]
    private let index: SecretKeywordIndex

    init(_ entries: [Entry]) {
        self.entries = entries
        var keywords: [SecretKeywordIndex.Keyword] = []
        for (matcher, entry) in entries.enumerated() {
            for (index, bytes) in entry.matcher.keywords.enumerated() {
                keywords.append(.init(bytes: bytes, folded: entry.matcher.foldsCase, matcher: matcher, index: index))
            }
        }
        index = SecretKeywordIndex(keywords)
    }

    /// Calls `found` with each secret in the added lines of `file` (at `spans`), in order, with
    /// the rule that found it and its 1-based line and byte column.
    func scan(_ file: FileChange, spans: [AddedSpan], isCode: Bool,
              _ found: (_ rule: Int, SecretMatch, _ line: Int, _ column: Int, SecretText) -> Void) {
        file.content.withUnsafeBufferPointer { bytes in
            for span in spans {
                let text = SecretText(bytes: bytes, lower: span.start, upper: span.end, isCode: isCode)
                var line = span.firstLine
                var lineStart = span.start
                index.forEachCandidate(in: bytes, from: span.start, to: span.end) { number, start in
                    let keyword = index.keywords[number]
                    let entry = entries[keyword.matcher]
                    guard let match = entry.matcher.match(text, keyword: keyword.index, at: start) else { return nil }
                    let at = match.position ?? match.value.lowerBound
                    if at < lineStart { (line, lineStart) = (span.firstLine, span.start) }
                    while let newline = Self.newline(in: bytes, from: lineStart, to: at) {
                        line += 1
                        lineStart = newline + 1
                    }
                    found(entry.rule, match, line, at - lineStart + 1, text)
                    return max(match.value.upperBound, start + 1)
                }
            }
        }
    }

    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var cursor = start
        while cursor < end {
            if bytes[cursor] == 0x0A { return cursor }
            cursor += 1
        }
        return nil
    }
}
