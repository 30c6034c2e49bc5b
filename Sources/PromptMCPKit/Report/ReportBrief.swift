/// A few lines that say what a report found, for a reader with little room: an MCP answer's
/// summary, an agent hook's reason. Errors first, each with its place and its hint.
extension Report {
    public func brief(limit: Int = 5) -> String {
        let counts = "\(fileCount) \(fileCount == 1 ? "file" : "files"), +\(addedLineCount)/-\(deletedLineCount) lines"
        let verdict = passed
            ? "passed: \(target), \(counts), \(warningCount) \(warningCount == 1 ? "warning" : "warnings")"
            : "failed: \(target), \(counts), \(errorCount) \(errorCount == 1 ? "error" : "errors"), \(warningCount) \(warningCount == 1 ? "warning" : "warnings")"
        let ordered = findings.filter { $0.severity == .error } + findings.filter { $0.severity == .warning }
        var lines = [verdict] + ordered.prefix(limit).map(Self.line)
        if ordered.count > limit { lines.append("(\(ordered.count - limit) more findings)") }
        return lines.joined(separator: "\n")
    }

    /// `- error caps/max-lines-per-file Sources/A.swift:12: message (hint)`
    public static func line(_ finding: Finding) -> String {
        let place = finding.file.map { file in " " + file + (finding.line.map { ":\($0)" } ?? "") } ?? ""
        return "- \(finding.severity.rawValue) \(finding.rule)\(place): \(finding.message)" + (finding.hint.map { " (\($0))" } ?? "")
    }
}
