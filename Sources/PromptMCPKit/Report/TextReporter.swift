/// For people: findings grouped by file as `path:line: severity: message [rule]` (which editors and
/// CI logs turn into links), a hint under each, and a one-line verdict.
public struct TextReporter: Reporter {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public func render(_ report: Report) -> String {
        var lines: [String] = report.notes.map { paint("note:", .cyan) + " " + $0 }
        let groups = Dictionary(grouping: report.findings) { $0.file }
        let files = groups.keys.sorted { ($0 ?? "") < ($1 ?? "") }
        for file in files {
            for finding in groups[file]!.sorted(by: { ($0.line ?? 0) < ($1.line ?? 0) }) {
                lines.append(render(finding, place: file ?? report.target))
            }
            lines.append("")
        }
        lines += GateRendering.text(report.gates, colour: colour)
        lines.append(verdict(report))
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(_ finding: Finding, place: String) -> String {
        let position = [finding.line, finding.column].compactMap { $0 }.map(String.init).joined(separator: ":")
        let location = position.isEmpty ? place : "\(place):\(position)"
        let severity = finding.severity == .error ? paint("error:", .red) : paint("warning:", .yellow)
        var text = "\(paint(location + ":", .bold)) \(severity) \(finding.message) \(paint("[\(finding.rule)]", .dim))"
        if let hint = finding.hint { text += "\n  \(paint("hint:", .dim)) \(hint)" }
        return text
    }

    /// The last line of the text report, alone: for a run whose report went to a file.
    public func verdict(_ report: Report) -> String {
        let counts = "\(Plural.count(report.errorCount, "error")), \(Plural.count(report.warningCount, "warning"))"
        let size = "\(Plural.count(report.fileCount, "file")), +\(report.addedLineCount) -\(report.deletedLineCount) lines"
        let time = String(format: "%.1f ms", report.durationMilliseconds)
        let head = report.passed ? paint("passed", .green) : paint("failed", .red)
        return "promptmcp: \(head): \(counts) in the \(report.target) (\(size); \(time); policy: \(report.policySource))"
    }


    private enum Style: String {
        case red = "31", yellow = "33", green = "32", cyan = "36", bold = "1", dim = "2"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

import Foundation
