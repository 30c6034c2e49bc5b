/// Limits on the shape of a policy file itself, so that no file, however written, can crash
/// or stall the loader: Yams composes recursively (one stack frame per nesting level), and it
/// hashes every mapping key whole, so an alias repeated inside aliases ("billion laughs") used
/// as a key takes exponential time. Checked on the text, before Yams sees it.
enum PolicyBounds {
    /// Far deeper than the schema's deepest key (about 6 levels).
    static let maxNesting = 64
    /// Aliases (`*name`) in one file. Nested aliases expand to at most about 3^(n/3) values,
    /// some 100,000 for 32: hashed in milliseconds. A policy reuses a glob list a few times.
    static let maxAliases = 32
    /// Longer keys and values are not compared for "did you mean": the distance is quadratic.
    static let maxSuggestionLength = 64

    /// Where the text nests deeper than `maxNesting` (line and column, 1-based), or nil: block
    /// nesting (indentation levels and `- ` items) and flow nesting (open `[` and `{` outside
    /// quotes and comments), each on its own. A byte scan: microseconds for a real policy.
    static func excessiveNesting(in text: String) -> (line: Int, column: Int)? {
        blockNesting(in: text) ?? flowScan(text).deepAt
    }

    /// Where the text uses more than `maxAliases` aliases, or nil.
    static func excessiveAliases(in text: String) -> (line: Int, column: Int)? {
        flowScan(text).aliasAt
    }

    /// What would crash or stall Yams in any YAML file (the yaml-syntax rule reads every staged
    /// one): deep nesting, and many aliases where one is a map key (only keys are hashed whole;
    /// aliases as values cost nothing). Place and words, or nil.
    public static func composeHazard(in text: String) -> (line: Int, column: Int, message: String)? {
        if let place = excessiveNesting(in: text) {
            return (place.line, place.column, "nests deeper than \(maxNesting) levels here; not parsed (YAML readers recurse once per level)")
        }
        let scan = flowScan(text)
        if scan.aliasKeys > 0, let place = scan.aliasAt {
            return (place.line, place.column, "more than \(maxAliases) aliases, one of them a map key: not parsed (such a key can expand exponentially)")
        }
        return nil
    }

    private static func blockNesting(in text: String) -> (line: Int, column: Int)? {
        var indents: [Int] = []
        for (number, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            let rest = line.dropFirst(indent)
            guard let first = rest.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "\r") else { continue }
            while let last = indents.last, last >= indent { indents.removeLast() }
            indents.append(indent)
            // `- - - x` opens a sequence per dash on one line.
            var depth = indents.count, column = indent + 1
            for byte in rest {
                guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") else { break }
                if byte == UInt8(ascii: "-") { depth += 1 }
                if depth > maxNesting { return (number + 1, column) }
                column += 1
            }
            if depth > maxNesting { return (number + 1, indent + 1) }
        }
        return nil
    }

    /// Open `[` and `{` and aliases, outside quotes and comments: the first place each goes
    /// over its limit.
    /// `aliasKeys` counts aliases used as keys (`*a : 1`, `? *a`).
    private static func flowScan(_ text: String) -> (deepAt: (line: Int, column: Int)?, aliasAt: (line: Int, column: Int)?, aliasKeys: Int) {
        var deepAt: (line: Int, column: Int)?, aliasAt: (line: Int, column: Int)?
        var depth = 0, aliases = 0, aliasKeys = 0, line = 1, column = 0
        var quote: UInt8?
        var comment = false, inAliasName = false, afterAliasName = false
        var previous = UInt8(ascii: " "), beforePrevious = UInt8(ascii: " ")
        for byte in text.utf8 {
            column += 1
            defer { (beforePrevious, previous) = (previous, byte) }
            if inAliasName, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(byte) {
                (inAliasName, afterAliasName) = (false, byte == UInt8(ascii: " "))
            } else if afterAliasName, byte != UInt8(ascii: " ") {
                if byte == UInt8(ascii: ":") { aliasKeys += 1 }
                afterAliasName = false
            }
            if byte == UInt8(ascii: "\n") {
                (line, column, comment) = (line + 1, 0, false)
                continue
            }
            if comment { continue }
            if let open = quote {
                if byte == open, open == UInt8(ascii: "'") || previous != UInt8(ascii: "\\") { quote = nil }
                continue
            }
            // A quote opens a quoted scalar only where a scalar starts (`don't` is plain text).
            let scalarStart = [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":")].contains(previous) || column == 1
            switch byte {
            case UInt8(ascii: "'") where scalarStart, UInt8(ascii: "\"") where scalarStart: quote = byte
            case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || column == 1: comment = true
            case UInt8(ascii: "*") where scalarStart || previous == UInt8(ascii: "-"):
                aliases += 1
                inAliasName = true
                if previous == UInt8(ascii: " "), beforePrevious == UInt8(ascii: "?") { aliasKeys += 1 }
                if aliases > maxAliases, aliasAt == nil { aliasAt = (line, column) }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxNesting, deepAt == nil { deepAt = (line, column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return (deepAt, aliasAt, aliasKeys)
    }
}
