import Foundation

/// A citation: where a change's content came from. Written as a message trailer
/// (`Source: https://...`) or as a comment next to the added code (`// Source: ...`).
public enum Citation: Equatable, Sendable {
    case url(String)
    /// A Context7 library id: `context7:/owner/repo` or `context7:/owner/repo@v1.2.3`.
    case library(id: String, version: String?)
    /// A document in the same commit's tree.
    case document(String)
    /// An issue: `#123`, `ABC-123`, `owner/repo#123`.
    case issue(String)

    /// Reads a citation's value; nil when it is none of the accepted forms.
    /// `documentExists` says whether a relative path is a file of the commit's tree.
    public static func parse(_ raw: String, documentExists: (String) -> Bool) -> Citation? {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("http://") || value.hasPrefix("https://") {
            guard let host = URL(string: value)?.host, host.contains(".") || host == "localhost" else { return nil }
            return .url(value)
        }
        if value.hasPrefix("context7:") { return library(String(value.dropFirst("context7:".count))) }
        if isIssue(value) { return .issue(value) }
        let path = value.hasPrefix("./") ? String(value.dropFirst(2)) : value
        if !path.isEmpty, !path.hasPrefix("/"), !path.contains(" "), documentExists(path) { return .document(path) }
        return nil
    }

    private static func library(_ text: String) -> Citation? {
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        let segments = parts.first?.split(separator: "/") ?? []
        guard text.hasPrefix("/"), segments.count >= 2, segments.allSatisfy({ !$0.isEmpty }) else { return nil }
        return .library(id: parts[0], version: parts.count > 1 ? parts[1] : nil)
    }

    private static func isIssue(_ value: String) -> Bool {
        let patterns = [#"^([\w.-]+/[\w.-]+)?#\d+$"#, #"^[A-Z][A-Z0-9]+-\d+$"#]
        return patterns.contains { value.range(of: $0, options: .regularExpression) != nil }
    }
}

/// A citation comment found on an added line.
public struct InlineCitation: Sendable, Equatable {
    public var line: Int
    public var value: String

    static let commentMarkers = ["//", "#", "/*", "*", "--", "<!--", ";", "%"]

    /// `Key: value` after a comment marker on an added line, for each of `keys`.
    static func find(in file: FileChange, keys: [String]) -> [InlineCitation] {
        let lowered = keys.map { $0.lowercased() + ":" }
        var found: [InlineCitation] = []
        file.forEachAddedLine { number, bytes in
            guard bytes.contains(UInt8(ascii: ":")) else { return }
            let line = String(decoding: bytes, as: UTF8.self)
            let lower = line.lowercased()
            for key in lowered {
                guard let range = lower.range(of: key) else { continue }
                let before = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                guard commentMarkers.contains(where: { before.hasSuffix($0) }) else { continue }
                var value = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
                for closer in ["*/", "-->"] where value.hasSuffix(closer) {
                    value = String(value.dropLast(closer.count)).trimmingCharacters(in: .whitespaces)
                }
                found.append(InlineCitation(line: number, value: value))
            }
        }
        return found
    }
}
