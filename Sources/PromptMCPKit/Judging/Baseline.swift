import Foundation

/// Findings a team has accepted, in `.promptmcp/baseline.json`: adopting promptmcp on an old
/// repository starts from `promptmcp baseline`, and only new findings count (docs/policy.md).
///
/// - Only findings about a file's content (quality and secret rules) are accepted. Caps, protected
///   paths, messages, citations, rate limits and gates judge a change, not a file: a baselined
///   cap would let every later oversized change through.
/// - An entry is one occurrence: the rule, the file, the offending text and how many lines of
///   the file with the same text come before it. It survives lines moving above it, but a second
///   identical line added to a baselined file is a new finding (the last of them is reported).
/// - The file changes only when findings do: entries are sorted, with no line numbers or times,
///   so regenerating it on the same tree gives the same bytes and a fix removes exactly its
///   entries (`baseline --check` lists entries nothing matches any more).
public struct Baseline: Sendable, Equatable {
    public static let path = ".promptmcp/baseline.json"
    static let version = 2

    public struct Entry: Codable, Sendable, Equatable {
        public var fingerprint: String
        public var rule: String
        public var file: String?
    }

    public var entries: [Entry]
    private var fingerprints: Set<String> { Set(entries.map(\.fingerprint)) }

    public static let empty = Baseline(entries: [])

    public init(entries: [Entry]) { self.entries = entries }

    /// The baseline that accepts these findings, leaving out those no baseline may hold.
    public init(findings: [Finding]) {
        entries = findings.filter(Self.accepts).map {
            Entry(fingerprint: $0.occurrenceFingerprint, rule: $0.rule, file: $0.file)
        }
        .sorted { ($0.file ?? "", $0.rule, $0.fingerprint) < ($1.file ?? "", $1.rule, $1.fingerprint) }
    }

    /// Whether a baseline may accept a finding: one about a file's content.
    public static func accepts(_ finding: Finding) -> Bool { accepts(rule: finding.rule, file: finding.file) }

    static func accepts(rule: String, file: String?) -> Bool {
        file != nil && contentAreas.contains(rule.prefix { $0 != "/" })
    }

    private static let contentAreas: Set<Substring> = ["quality", "secrets"]

    /// The findings not in the baseline, and how many were.
    public func filter(_ findings: [Finding]) -> (kept: [Finding], baselined: Int) {
        guard !entries.isEmpty else { return (findings, 0) }
        let known = fingerprints
        let kept = findings.filter { !Self.accepts($0) || !known.contains($0.occurrenceFingerprint) }
        return (kept, findings.count - kept.count)
    }

    /// Entries that no finding of `findings` (a whole-tree scan, baseline left out) matches any
    /// more: fixed or deleted code. They hide nothing today, but would hide a new finding that
    /// happens to repeat the old text, so `baseline --check` reports them.
    public func stale(against findings: [Finding]) -> [Entry] {
        let current = Set(findings.filter(Self.accepts).map(\.occurrenceFingerprint))
        return entries.filter { !current.contains($0.fingerprint) }
    }

    /// The baseline without its stale entries: it only ever shrinks this way.
    public func pruned(against findings: [Finding]) -> Baseline {
        let stale = Set(stale(against: findings).map(\.fingerprint))
        return Baseline(entries: entries.filter { !stale.contains($0.fingerprint) })
    }

    /// What `baseline --check` prints: each stale entry, then the count.
    public func describeStale(_ stale: [Entry]) -> String {
        let lines = stale.map { "stale: \($0.rule) \($0.file ?? "-") (\($0.fingerprint))" }
        let summary = stale.isEmpty
            ? "\(Self.path): no stale entry (\(Plural.count(entries.count, "entry", plural: "entries")) still match)"
            : "\(Self.path): \(stale.count) of \(Plural.count(entries.count, "entry", plural: "entries")) no longer match "
                + "(the code was fixed or deleted); `promptmcp baseline --prune` removes them"
        return (lines + [summary]).joined(separator: "\n") + "\n"
    }

    private struct File: Codable {
        var version: Int
        var findings: [Entry]
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try! encoder.encode(File(version: Self.version, findings: entries))) + Data("\n".utf8)
    }

    /// Reads a baseline file; a broken one is an error to fix, not an empty baseline. A version 1
    /// file (one entry per finding, repeats included) is read as the occurrences it listed, less
    /// the change-wide entries no baseline may hold.
    public static func decode(_ bytes: [UInt8]) throws -> Baseline {
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(bytes))
            guard file.version < version else { return Baseline(entries: file.findings) }
            return upgraded(file.findings)
        } catch {
            throw PolicyError(diagnostics: [PolicyDiagnostic(
                location: SourceLocation(file: path, line: 1, column: 1), level: .error,
                message: "cannot read the baseline: \(error.localizedDescription); regenerate it with promptmcp baseline")])
        }
    }

    private static func upgraded(_ entries: [Entry]) -> Baseline {
        var seen: [String: Int] = [:]
        return Baseline(entries: entries.compactMap { entry in
            guard accepts(rule: entry.rule, file: entry.file) else { return nil }
            let count = seen[entry.fingerprint, default: 0]
            seen[entry.fingerprint] = count + 1
            var upgraded = entry
            if count > 0 { upgraded.fingerprint = Fingerprint.of(entry.fingerprint, "#\(count)") }
            return upgraded
        })
    }
}
