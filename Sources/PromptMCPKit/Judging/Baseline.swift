import Foundation

/// Findings a team has accepted, by fingerprint, in `.promptmcp/baseline.json`: adopting
/// promptmcp on an old repository starts from `promptmcp baseline`, and only new findings count.
/// Fingerprints come from the rule, the file and the offending text, not the line number, so
/// a baselined finding stays baselined when code above it moves.
public struct Baseline: Sendable, Equatable {
    public static let path = ".promptmcp/baseline.json"

    public struct Entry: Codable, Sendable, Equatable {
        public var fingerprint: String
        public var rule: String
        public var file: String?
    }

    public var entries: [Entry]
    private var fingerprints: Set<String> { Set(entries.map(\.fingerprint)) }

    public static let empty = Baseline(entries: [])

    public init(entries: [Entry]) { self.entries = entries }

    public init(findings: [Finding]) {
        entries = findings.map { Entry(fingerprint: $0.fingerprint, rule: $0.rule, file: $0.file) }
            .sorted { ($0.file ?? "", $0.rule, $0.fingerprint) < ($1.file ?? "", $1.rule, $1.fingerprint) }
    }

    /// The findings not in the baseline, and how many were.
    public func filter(_ findings: [Finding]) -> (kept: [Finding], baselined: Int) {
        guard !entries.isEmpty else { return (findings, 0) }
        let known = fingerprints
        let kept = findings.filter { !known.contains($0.fingerprint) }
        return (kept, findings.count - kept.count)
    }

    private struct File: Codable {
        var version: Int
        var findings: [Entry]
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try! encoder.encode(File(version: 1, findings: entries))) + Data("\n".utf8)
    }

    /// Reads a baseline file; a broken one is an error to fix, not an empty baseline.
    public static func decode(_ bytes: [UInt8]) throws -> Baseline {
        do {
            return Baseline(entries: try JSONDecoder().decode(File.self, from: Data(bytes)).findings)
        } catch {
            throw PolicyError(diagnostics: [PolicyDiagnostic(
                location: SourceLocation(file: path, line: 1, column: 1), level: .error,
                message: "cannot read the baseline: \(error.localizedDescription); regenerate it with promptmcp baseline")])
        }
    }
}
