/// A scan's whitespace warnings, told as one note per rule instead of one finding per line.
///
/// The hooks judge trailing whitespace, final newlines and line endings only where a change
/// touches them, so a repository's old whitespace never blocks or warns a commit; listed line
/// by line in a scan it was most of what a real repository reported (24 of vapor's 34 findings
/// in 13 files) and buried the findings that matter. The note keeps the count and the worst
/// files; `scan --whitespace` lists each line, and a policy that makes one of these rules an
/// error gets its findings listed as usual.
extension Report {
    public static let whitespaceRules = ["quality/trailing-whitespace", "quality/final-newline", "quality/mixed-line-endings"]

    public mutating func summarizeWhitespaceWarnings() {
        for rule in Self.whitespaceRules {
            let folded = findings.filter { $0.rule == rule && $0.severity == .warning }
            guard !folded.isEmpty else { continue }
            findings.removeAll { $0.rule == rule && $0.severity == .warning }
            notes.append(Self.summary(of: folded, rule: rule))
        }
    }

    private static func summary(of findings: [Finding], rule: String) -> String {
        var perFile: [String: Int] = [:]
        for finding in findings { perFile[finding.file ?? "", default: 0] += 1 }
        let worst = perFile.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
            .map { $0.value > 1 ? "\($0.key) (\($0.value))" : $0.key }
        let more = perFile.count > worst.count ? ", ..." : ""
        let lines = findings.count == 1 ? "1 warning" : "\(findings.count) warnings"
        let files = perFile.count == 1 ? "1 file" : "\(perFile.count) files"
        return "\(rule): \(lines) in \(files) (\(worst.joined(separator: ", "))\(more)), not listed, as commits are judged on what they add: "
            + "`promptmcp scan --whitespace` lists each"
    }
}
