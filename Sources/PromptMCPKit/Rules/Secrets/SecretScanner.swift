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
        guard let end = match(text, prefix: keyword, at: start) else { return nil }
        return SecretMatch(value: start..<end, label: name, shown: prefixes[keyword].count)
    }
}

/// Runs a rule's matchers over the added lines of a file: one vector pass looks for the anchors
/// of all their keywords, a keyword hit is confirmed byte by byte, and the matcher decides.
struct SecretScanner: Sendable {
    private struct Keyword: Sendable {
        var matcher: Int
        var index: Int
        var bytes: [UInt8]
        var anchor: [UInt8]
        var anchorOffset: Int
    }

    let matchers: [any SecretMatcher]
    private let keywords: [Keyword]
    private let filter: SecretKeywordFilter
    private let foldsCase: Bool

    init(_ matchers: [any SecretMatcher]) {
        self.matchers = matchers
        let folds = matchers.contains { $0.foldsCase }
        precondition(matchers.allSatisfy { $0.foldsCase == folds }, "one scanner cannot mix case-folded and exact keywords")
        foldsCase = folds
        var entries: [Keyword] = []
        for (matcher, entry) in matchers.enumerated() {
            for (index, bytes) in entry.keywords.enumerated() {
                entries.append(Keyword(matcher: matcher, index: index, bytes: bytes, anchor: [], anchorOffset: 0))
            }
        }
        let anchors = Self.chooseAnchors(entries.map { $0.bytes }, width: folds ? 3 : 2)
        for index in entries.indices {
            (entries[index].anchor, entries[index].anchorOffset) = anchors.perKeyword[index]
        }
        keywords = entries
        filter = SecretKeywordFilter(anchors: anchors.distinct, foldsCase: folds)
    }

    /// Calls `found` with each secret in the added lines of `file` (at `spans`), in order, with
    /// its 1-based line and byte column.
    func scan(_ file: FileChange, spans: [AddedSpan], isCode: Bool, _ found: (SecretMatch, _ line: Int, _ column: Int, SecretText) -> Void) {
        file.content.withUnsafeBufferPointer { bytes in
            for span in spans {
                let text = SecretText(bytes: bytes, lower: span.start, upper: span.end, isCode: isCode)
                var line = span.firstLine
                var lineStart = span.start
                filter.forEachCandidate(in: bytes, from: span.start, to: span.end) { position in
                    var resume = position + 1
                    for keyword in keywords where Self.has(keyword.anchor, at: position, in: bytes, folded: foldsCase) {
                        let start = position - keyword.anchorOffset
                        let confirmed = foldsCase ? text.hasFoldedLiteral(keyword.bytes, at: start) : text.hasLiteral(keyword.bytes, at: start)
                        guard confirmed, let match = matchers[keyword.matcher].match(text, keyword: keyword.index, at: start) else { continue }
                        let at = match.position ?? match.value.lowerBound
                        if at < lineStart { (line, lineStart) = (span.firstLine, span.start) }
                        while let newline = Self.newline(in: bytes, from: lineStart, to: at) {
                            line += 1
                            lineStart = newline + 1
                        }
                        found(match, line, at - lineStart + 1, text)
                        resume = max(resume, match.value.upperBound)
                        break
                    }
                    return resume
                }
            }
        }
    }

    @inline(__always)
    private static func has(_ anchor: [UInt8], at position: Int, in bytes: UnsafeBufferPointer<UInt8>, folded: Bool) -> Bool {
        for (offset, byte) in anchor.enumerated() {
            let actual = folded ? SecretText.lowercased(bytes[position + offset]) : bytes[position + offset]
            if actual != byte { return false }
        }
        return true
    }

    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var cursor = start
        while cursor < end {
            if bytes[cursor] == 0x0A { return cursor }
            cursor += 1
        }
        return nil
    }

    /// Anchors for the vector pass: as few as possible (at most 8), preferring byte pairs that
    /// are rare in source text, chosen greedily: the pair found in the most keywords not yet
    /// covered first. Folded keywords (the generic rule's names) use their first three bytes.
    static func chooseAnchors(_ keywords: [[UInt8]], width: Int) -> (distinct: [[UInt8]], perKeyword: [([UInt8], Int)]) {
        var perKeyword = [([UInt8], Int)](repeating: ([], 0), count: keywords.count)
        var distinct: [[UInt8]] = []
        if width == 3 {
            for (index, keyword) in keywords.enumerated() {
                precondition(keyword.count >= 3, "a case-folded keyword needs at least 3 bytes")
                let anchor = Array(keyword.prefix(3))
                perKeyword[index] = (anchor, 0)
                if !distinct.contains(anchor) { distinct.append(anchor) }
            }
            return (distinct, perKeyword)
        }
        var uncovered = Set(keywords.indices)
        while !uncovered.isEmpty {
            var best: (pair: [UInt8], covers: Int, score: Int)?
            for index in uncovered.sorted() {
                let keyword = keywords[index]
                precondition(keyword.count >= 2, "a keyword needs at least 2 bytes")
                for offset in 0..<(keyword.count - 1) {
                    let pair = Array(keyword[offset...offset + 1])
                    let covers = uncovered.filter { Self.offset(of: pair, in: keywords[$0]) != nil }.count
                    let score = commonness(pair[0]) + commonness(pair[1])
                    if best == nil || covers > best!.covers || (covers == best!.covers && score < best!.score) {
                        best = (pair, covers, score)
                    }
                }
            }
            guard let pair = best?.pair else { break }
            distinct.append(pair)
            for index in uncovered {
                if let offset = Self.offset(of: pair, in: keywords[index]) {
                    perKeyword[index] = (pair, offset)
                    uncovered.remove(index)
                }
            }
        }
        precondition(distinct.count <= SecretKeywordFilter.capacity, "too many anchors: \(distinct.count)")
        return (distinct, perKeyword)
    }

    private static func offset(of pair: [UInt8], in keyword: [UInt8]) -> Int? {
        guard keyword.count >= 2 else { return nil }
        return (0..<(keyword.count - 1)).first { keyword[$0] == pair[0] && keyword[$0 + 1] == pair[1] }
    }

    /// How often a byte turns up in source text, roughly: lowercase letters most, then
    /// uppercase and `_`, then digits and punctuation.
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return 3
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: " "): return 2
        default: return 1
        }
    }
}
