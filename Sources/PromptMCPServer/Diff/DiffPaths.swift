/// Paths and numbers in a diff's header lines.
enum DiffPaths {
    /// `a/PATH b/PATH` after `diff --git `: exact only when both sides name the same path
    /// (renames name theirs in `rename from`/`rename to`, other changes in `---`/`+++`).
    static func fromGitHeader(_ rest: String) -> (String?, String?) {
        if rest.hasPrefix("\"") {
            let parts = quotedPair(rest)
            return (parts.0.map { strip($0, "a/") }, parts.1.map { strip($0, "b/") })
        }
        let characters = Array(rest)
        let half = (characters.count - 1) / 2
        if characters.count % 2 == 1, characters[half] == " " {
            let left = String(characters[..<half]), right = String(characters[(half + 1)...])
            if left.hasPrefix("a/"), right.hasPrefix("b/"), left.dropFirst(2) == right.dropFirst(2) {
                return (String(left.dropFirst(2)), String(right.dropFirst(2)))
            }
        }
        guard let split = rest.range(of: " b/") else { return (rest, rest) }
        return (strip(String(rest[..<split.lowerBound]), "a/"), String(rest[split.upperBound...]))
    }

    /// The paths of `--- OLD` and `+++ NEW`; `/dev/null` is nil. A tab ends the path (GNU diff
    /// puts a timestamp after it); the `a/` and `b/` prefixes go when both sides have them.
    static func fromMarkers(_ old: String, _ new: String) -> (String?, String?) {
        let oldPath = path(old), newPath = path(new)
        let prefixed = (oldPath?.hasPrefix("a/") ?? true) && (newPath?.hasPrefix("b/") ?? true) && (oldPath ?? newPath) != nil
        guard prefixed else { return (oldPath, newPath) }
        return (oldPath.map { String($0.dropFirst(2)) }, newPath.map { String($0.dropFirst(2)) })
    }

    private static func path(_ field: String) -> String? {
        var value = field
        if !value.hasPrefix("\""), let tab = value.firstIndex(of: "\t") { value = String(value[..<tab]) }
        value = unquote(value)
        return value == "/dev/null" ? nil : value
    }

    private static func strip(_ path: String, _ prefix: String) -> String {
        path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// git's C-style quoting of unusual paths: `"a/caf\303\251 \"x\".txt"`.
    static func unquote(_ text: String) -> String {
        guard text.hasPrefix("\""), text.count >= 2 else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).dropFirst()
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\"), let next = iterator.popFirst() else { bytes.append(byte); continue }
            switch next {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - UInt8(ascii: "0"))
                for _ in 0..<2 {
                    guard let digit = iterator.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else { break }
                    value = value * 8 + Int(digit - UInt8(ascii: "0"))
                    iterator.removeFirst()
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(next)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Two quoted paths side by side (`"a/x y" "b/x y"`).
    private static func quotedPair(_ text: String) -> (String?, String?) {
        var pieces: [String] = []
        var current = ""
        var inside = false, escaped = false
        for character in text {
            guard inside else {
                if character == "\"" { inside = true; current = "\"" }
                continue
            }
            current.append(character)
            if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" {
                pieces.append(unquote(current))
                inside = false
            }
        }
        return (pieces.first, pieces.dropFirst().first)
    }

    /// `@@ -12,5 +12,7 @@ func f()`: (12, 5, 12, 7); a missing count is 1.
    static func hunkNumbers(_ header: String) -> (Int, Int, Int, Int)? {
        let fields = header.split(separator: " ")
        guard fields.count >= 3, fields[0] == "@@", fields[1].hasPrefix("-"), fields[2].hasPrefix("+") else { return nil }
        func range(_ field: Substring) -> (Int, Int)? {
            let parts = field.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
            guard let start = Int(parts[0]), start >= 0 else { return nil }
            guard parts.count > 1 else { return (start, 1) }
            guard parts.count == 2, let count = Int(parts[1]), count >= 0 else { return nil }
            return (start, count)
        }
        guard let old = range(fields[1]), let new = range(fields[2]) else { return nil }
        return (old.0, old.1, new.0, new.1)
    }
}
