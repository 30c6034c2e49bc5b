/// Which lines a cap counts.
public enum LineCount: String, Sendable, CaseIterable {
    /// Added plus deleted lines, as `git diff --numstat` adds them up.
    case changed
    case added
    case deleted

    public func of(added: Int, deleted: Int) -> Int {
        switch self {
        case .changed: return added + deleted
        case .added: return added
        case .deleted: return deleted
        }
    }
}

/// Parsers for the policy's scalar notations. Each returns nil for text it cannot read.
enum Notation {
    /// `90s`, `15m`, `24h`, `7d`, `2w`, or a bare number of seconds.
    static func seconds(_ text: String) -> Int? {
        scaled(text, units: ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800])
    }

    /// `512`, `64KiB`, `1MiB`, `4GiB` (also KB/MB/GB, as powers of 1000).
    static func bytes(_ text: String) -> Int? {
        scaled(text, units: [
            "B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30,
            "KB": 1000, "MB": 1_000_000, "GB": 1_000_000_000,
        ])
    }

    /// `60/min`, `5/s`, `1000/h`, `10000/d`: a count per period, in seconds.
    static func rate(_ text: String) -> (count: Int, perSeconds: Int)? {
        let parts = text.split(separator: "/", maxSplits: 1).map(blankTrimmed)
        guard parts.count == 2, let count = Int(parts[0]), count > 0 else { return nil }
        let periods = ["s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86_400, "day": 86_400]
        guard let period = periods[parts[1]] else { return nil }
        return (count, period)
    }

    private static func scaled(_ text: String, units: [String: Int]) -> Int? {
        let trimmed = blankTrimmed(Substring(text))
        let digits = trimmed.utf8.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard let number = Int(Substring(digits)), number >= 0 else { return nil }
        let unit = blankTrimmed(Substring(trimmed.utf8.dropFirst(digits.count)))
        if unit.isEmpty { return number }
        guard let scale = units[unit] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    /// Without spaces and tabs at either end, compared as bytes: Foundation's
    /// `trimmingCharacters(in:)`, like any walk by `Character`, loads Unicode tables on first
    /// use, 0.2 ms of a hook that only reads "1MiB".
    private static func blankTrimmed(_ text: Substring) -> String {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !isBlank($0) }), let last = utf8.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[first...last])
    }
}

