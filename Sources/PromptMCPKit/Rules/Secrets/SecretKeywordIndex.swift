/// The one prefilter of every secret rule: a single pass over the added bytes that looks up each
/// byte pair in a 64 Kibit table (8 KiB, in L1) holding an anchor pair of every keyword of every
/// rule, so the pass costs the same for 10 rules or 1,000. Where a pair is set, the keywords
/// anchored on it (a CSR bucket) are compared in full, and only a keyword hit reaches a matcher.
///
/// Each keyword is anchored on its rarest pair (by a rough frequency of bytes in source text),
/// at whatever offset it has: `AKIA` on `AK`, `ghp_` on `p_`. A case-folded keyword (the names
/// of the assignment rules) sets the pair in every case.
struct SecretKeywordIndex: Sendable {
    struct Keyword: Sendable {
        /// As matched: lowercase when `folded`.
        var bytes: [UInt8]
        var folded: Bool
        /// What the keyword belongs to: the matcher, and its keyword number there.
        var matcher: Int
        var index: Int
        fileprivate(set) var anchorOffset = 0
    }

    let keywords: [Keyword]
    /// The keywords again, flat, for the confirming compare (no array is retained per candidate).
    private let bytes: [UInt8]
    private let starts: [Int32]
    private let folded: [Bool]
    private let anchors: [Int32]
    private let table: [UInt64]
    private let bucketStart: [Int32]
    private let bucketEntries: [Int32]

    init(_ keywords: [Keyword]) {
        var keywords = keywords
        var slots: [(pair: Int, keyword: Int32)] = []
        for index in keywords.indices {
            precondition(keywords[index].bytes.count >= 2, "a keyword needs at least 2 bytes")
            let offset = Self.rarestPair(keywords[index].bytes)
            keywords[index].anchorOffset = offset
            let first = keywords[index].bytes[offset], second = keywords[index].bytes[offset + 1]
            for pair in Self.variants(first, second, folded: keywords[index].folded) {
                slots.append((pair, Int32(index)))
            }
        }
        // Bucket by pair; within a bucket, keywords keep their order (the rules' order).
        slots.sort { ($0.pair, $0.keyword) < ($1.pair, $1.keyword) }
        var table = [UInt64](repeating: 0, count: (1 << 16) / 64)
        var starts = [Int32](repeating: 0, count: (1 << 16) + 1)
        for slot in slots {
            table[slot.pair >> 6] |= 1 << UInt64(slot.pair & 63)
            starts[slot.pair + 1] += 1
        }
        for pair in 0..<(1 << 16) { starts[pair + 1] += starts[pair] }
        self.keywords = keywords
        bytes = keywords.flatMap(\.bytes)
        self.starts = keywords.reduce(into: [Int32(0)]) { $0.append($0.last! + Int32($1.bytes.count)) }
        folded = keywords.map(\.folded)
        anchors = keywords.map { Int32($0.anchorOffset) }
        self.table = table
        bucketStart = starts
        bucketEntries = slots.map(\.keyword)
    }

    /// Calls `body` with each keyword (its index in `keywords`) that occurs whole in
    /// `lower..<upper`, and the offset where it starts. `body` returns where the search resumes
    /// (nil: go on at the next byte), so a match is consumed.
    func forEachCandidate(in text: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int,
                          _ body: (_ keyword: Int, _ start: Int) -> Int?) {
        guard let base = text.baseAddress, upper - lower >= 2 else { return }
        table.withUnsafeBufferPointer { table in
            bucketStart.withUnsafeBufferPointer { buckets in
                bucketEntries.withUnsafeBufferPointer { entries in
                    var position = lower
                    var consumed = lower  // a keyword may not start inside a match already reported
                    while position + 1 < upper {
                        let pair = Int(base[position]) << 8 | Int(base[position + 1])
                        guard table[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else {
                            position += 1
                            continue
                        }
                        var resume = position + 1
                        for slot in Int(buckets[pair])..<Int(buckets[pair + 1]) {
                            let keyword = Int(entries[slot])
                            let start = position - Int(anchors[keyword])
                            guard start >= consumed, occurs(keyword, in: base, at: start, upper: upper),
                                  let end = body(keyword, start) else { continue }
                            resume = max(resume, end)
                            consumed = end
                            break
                        }
                        position = resume
                    }
                }
            }
        }
    }

    /// Whether keyword number `keyword` is at `start` (ignoring ASCII case when it is folded).
    @inline(__always)
    private func occurs(_ keyword: Int, in text: UnsafePointer<UInt8>, at start: Int, upper: Int) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            let first = Int(starts[keyword]), count = Int(starts[keyword + 1]) - first
            guard start + count <= upper else { return false }
            if folded[keyword] {
                for offset in 0..<count where SecretText.lowercased(text[start + offset]) != bytes[first + offset] { return false }
            } else {
                for offset in 0..<count where text[start + offset] != bytes[first + offset] { return false }
            }
            return true
        }
    }

    /// The offset of the pair least likely to occur in source text.
    static func rarestPair(_ keyword: [UInt8]) -> Int {
        func cost(_ offset: Int) -> Double {
            let first = keyword[offset], second = keyword[offset + 1]
            let pair = Int(SecretText.lowercased(first)) << 8 | Int(SecretText.lowercased(second))
            let common = commonPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
            return frequency(first) * frequency(second) * (common ? 8 : 1)
        }
        return (0..<(keyword.count - 1)).min { cost($0) < cost($1) } ?? 0
    }

    /// Letter pairs that are everywhere in English and in identifiers, which an anchor avoids
    /// (a bit per pair, as in the table).
    private static let commonPairs: [UInt64] = bits(
        ["th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "of", "ed", "is", "it", "al",
         "ar", "st", "to", "nt", "ng", "se", "ha", "as", "ou", "io", "le", "ve", "co", "me", "de", "hi", "ri", "ro", "ic",
         "ne", "ea", "ra", "ce", "li", "ch", "ll", "be", "ma", "si", "om", "ur", "ca", "el", "ta", "la", "ns", "ge", "ly",
         "ei", "ss", "et", "pe", "ke", "ut", "pa", "ac", "ct", "ue", "ad", "tr", "ec", "ia", "ow", "ol", "il", "us", "ir",
         "un", "am", "ul", "pr", "ex", "fo", "lo", "rt", "id", "em", "po", "ry", "ey", "ty", "wo", "di", "im", "mp"]
            .map { Int(Array($0.utf8)[0]) << 8 | Int(Array($0.utf8)[1]) })

    private static func bits(_ pairs: [Int]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (1 << 16) / 64)
        for pair in pairs { words[pair >> 6] |= 1 << UInt64(pair & 63) }
        return words
    }

    /// How often a byte turns up in source text, roughly (relative).
    private static func frequency(_ byte: UInt8) -> Double {
        switch byte {
        case UInt8(ascii: " "): return 15
        case UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "i"),
             UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"): return 7
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return 3
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "="),
             UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","): return 1.5
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return 1
        default: return 0.5
        }
    }

    /// The table slots of a pair: as written, or in every case when folded.
    private static func variants(_ first: UInt8, _ second: UInt8, folded: Bool) -> [Int] {
        func cases(_ byte: UInt8) -> [UInt8] {
            guard folded, byte >= 0x61, byte <= 0x7A else { return [byte] }
            return [byte, byte - 0x20]
        }
        return cases(first).flatMap { a in cases(second).map { b in Int(a) << 8 | Int(b) } }
    }
}
