/// A set of bytes as a 256-bit table: one load and a shift to test a byte.
struct ByteSet: Sendable, Equatable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Ranges and single bytes, as in a regex class without the brackets: `A-Za-z0-9_-`
    /// (a `-` first or last is itself).
    init(_ spec: String) {
        let bytes = Array(spec.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                for byte in bytes[index]...bytes[index + 2] { insert(byte) }
                index += 3
            } else {
                insert(bytes[index])
                index += 1
            }
        }
    }

    private mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }

    func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
        return result
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }

    static let word = ByteSet("A-Za-z0-9_")
    static let alphanumeric = ByteSet("A-Za-z0-9")
    static let wordOrDash = ByteSet("A-Za-z0-9_-")
    static let alphanumericOrDash = ByteSet("A-Za-z0-9-")
    static let upperAlphanumeric = ByteSet("A-Z0-9")
    static let base32Upper = ByteSet("A-Z2-7")
    static let hex = ByteSet("0-9a-fA-F")
    static let lowerHex = ByteSet("0-9a-f")
    static let digits = ByteSet("0-9")
    static let base64 = ByteSet("A-Za-z0-9+/")
}

/// One piece of a token format: a literal, one of several literals, a run of bytes from a set,
/// or the place where the secret starts (what comes before it is context, such as `AccountKey=`).
enum Segment: Sendable, Equatable {
    case literal([UInt8])
    /// Longest first, so that the first literal found is the greedy choice.
    case oneOf([[UInt8]])
    /// A greedy run of `min...max` bytes from the set. Formats are written so that greedy is
    /// always right (a run is followed by a byte outside its set, or has an exact length), so the
    /// matcher never backtracks.
    case run(ByteSet, min: Int, max: Int)
    case secretStart

    static func literal(_ text: String) -> Segment { .literal(Array(text.utf8)) }
    static func run(_ set: ByteSet, _ range: ClosedRange<Int>) -> Segment { .run(set, min: range.lowerBound, max: range.upperBound) }
}

/// A provider's token format as data, in the gitleaks manner: the literal prefixes it starts
/// with (the keywords the scan looks for first), then segments matched by hand. A match must
/// stand alone: the bytes just before and just after it may not be in `boundary`.
struct TokenFormat: Sendable {
    /// What to call a match in a finding: "GitHub personal access token".
    let name: String
    let prefixes: [[UInt8]]
    let segments: [Segment]
    /// Runs before the prefix, matched backwards from it (`SecretPatternSyntax.Compiled.before`).
    var before: [Segment] = []
    let boundary: ByteSet
    /// The least entropy, in bits per byte, of the secret's part after the prefix; nil for the
    /// usual bar for its length (`SecretEntropy.threshold`).
    let minEntropy: Double?

    init(_ name: String, prefixes: [[UInt8]], _ segments: [Segment], boundary: ByteSet = .wordOrDash, minEntropy: Double? = nil) {
        self.name = name
        self.prefixes = prefixes
        self.segments = segments
        self.boundary = boundary
        self.minEntropy = minEntropy
    }

    /// The format a pattern describes (`SecretPatternSyntax`); its leading literals are the prefixes.
    init(_ name: String, pattern: SecretPatternSyntax.Compiled, boundary: ByteSet = .wordOrDash, minEntropy: Double? = nil) {
        self.init(name, prefixes: pattern.prefixes, pattern.segments, boundary: boundary, minEntropy: minEntropy)
        before = pattern.before
    }

    /// The secret (its value) and the end of the token whose prefix number `prefix` starts at
    /// `start`, or nil.
    func match(_ text: SecretText, prefix: Int, at keyword: Int) -> (value: Range<Int>, end: Int)? {
        guard let start = matchBefore(text, keyword) else { return nil }
        // A token that starts with a separator (`.azconfig.io;`, `&sig=`) is part of a longer string.
        if start > text.lower, boundary.contains(text.bytes[start - 1]), ByteSet.word.contains(text.bytes[start]) { return nil }
        let afterPrefix = keyword + prefixes[prefix].count
        guard let (valueStart, end) = Self.walk(segments, text, from: afterPrefix) else { return nil }
        if end < text.upper, boundary.contains(text.bytes[end]) { return nil }
        let entropyStart = before.isEmpty ? max(afterPrefix, valueStart ?? afterPrefix) : start
        guard SecretEntropy.bits(text.bytes, entropyStart..<end) >= minEntropy ?? SecretEntropy.threshold(length: end - entropyStart) else { return nil }
        return ((valueStart ?? start)..<end, end)
    }

    /// Where the token starts: at the keyword, or before it when the format has runs there.
    private func matchBefore(_ text: SecretText, _ keyword: Int) -> Int? {
        var position = keyword
        for segment in before.reversed() {
            guard case .run(let set, let min, let max) = segment else { return nil }
            var cursor = position
            while cursor > text.lower, position - cursor < max, set.contains(text.bytes[cursor - 1]) { cursor -= 1 }
            guard position - cursor >= min else { return nil }
            position = cursor
        }
        return position
    }

    /// Matches `segments` from `position`: where the secret starts (when a segment says) and
    /// where the match ends.
    static func walk(_ segments: [Segment], _ text: SecretText, from start: Int) -> (valueStart: Int?, end: Int)? {
        let bytes = text.bytes
        var position = start
        var valueStart: Int?
        for segment in segments {
            switch segment {
            case .literal(let literal):
                guard text.hasLiteral(literal, at: position) else { return nil }
                position += literal.count
            case .oneOf(let literals):
                guard let literal = literals.first(where: { text.hasLiteral($0, at: position) }) else { return nil }
                position += literal.count
            case .run(let set, let min, let max):
                let limit = Swift.min(text.upper, position + max)
                var cursor = position
                while cursor < limit, set.contains(bytes[cursor]) { cursor += 1 }
                guard cursor - position >= min else { return nil }
                position = cursor
            case .secretStart:
                valueStart = position
            }
        }
        return (valueStart, position)
    }
}

/// The content of one file as the scan sees it: the whole blob, and the span of added lines
/// being scanned (`lower..<upper`, whole lines), beyond which a match may not reach.
struct SecretText {
    let bytes: UnsafeBufferPointer<UInt8>
    let lower: Int
    let upper: Int
    /// Whether values in this file are program text (Swift, Python, ...), where only a quoted
    /// literal can hold a secret, or configuration (YAML, .env, shell), where a bare word can.
    let isCode: Bool

    @inline(__always)
    func hasLiteral(_ literal: [UInt8], at position: Int) -> Bool {
        guard position >= lower, position + literal.count <= upper else { return false }
        for (offset, byte) in literal.enumerated() where bytes[position + offset] != byte { return false }
        return true
    }

    /// Whether `literal` occurs anywhere in `range`.
    func hasLiteral(_ literal: [UInt8], inside range: Range<Int>) -> Bool {
        guard range.count >= literal.count else { return false }
        return (range.lowerBound...(range.upperBound - literal.count)).contains { hasLiteral(literal, at: $0) }
    }

    /// `hasLiteral`, ignoring ASCII case; `literal` must be lowercase.
    @inline(__always)
    func hasFoldedLiteral(_ literal: [UInt8], at position: Int) -> Bool {
        guard position >= lower, position + literal.count <= upper else { return false }
        for (offset, byte) in literal.enumerated() where SecretText.lowercased(bytes[position + offset]) != byte { return false }
        return true
    }

    /// The start of the line holding `position`.
    func lineStart(_ position: Int) -> Int {
        var cursor = position
        while cursor > lower, bytes[cursor - 1] != 0x0A { cursor -= 1 }
        return cursor
    }

    /// The end of the line holding `position` (the offset of its "\n", or of the span's end).
    func lineEnd(_ position: Int) -> Int {
        var cursor = position
        while cursor < upper, bytes[cursor] != 0x0A { cursor += 1 }
        return cursor
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
