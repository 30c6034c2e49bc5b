import Foundation

/// JUnit XML, as Jenkins, GitLab and GitHub test-report actions read it (docs/report-formats.md).
///
/// One `<testsuite name="promptmcp">` with one test case per rule and file (`classname` the rule
/// id, `name` the path, or `(change)` for the change as a whole). A test case fails when it has
/// an error finding; all its findings are in the failure's body. Warnings do not fail the run
/// (exit status 0), so a test case with warnings only passes and carries them in `<system-out>`:
/// a failed or skipped test would misstate the verdict. Each rule that ran and found nothing is a
/// passing `(change)` test case, so a clean run still shows what was checked and a CI chart
/// counts the same tests from run to run rather than an empty suite, which some parsers reject.
public struct JUnitReporter: Reporter {
    public static let changeName = "(change)"

    /// Ids of the rules that ran, in order; each with no finding becomes a passing test case.
    public var rulesRun: [String]

    public init(rulesRun: [String] = []) { self.rulesRun = rulesRun }

    private struct TestCase {
        var rule: String
        var name: String
        var findings: [Finding]
        var failed: Bool { findings.contains { $0.severity == .error } }
    }

    public func render(_ report: Report) -> String {
        let cases = testCases(report)
        let failures = cases.filter(\.failed).count
        let time = String(format: "%.3f", report.durationMilliseconds / 1000)
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(time)\""
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                   "<testsuites name=\"promptmcp\" \(counts)>",
                   "  <testsuite name=\"promptmcp\" \(counts)>",
                   "    <properties>"]
        let properties = [("target", report.target), ("policy", report.policySource),
                          ("files", "\(report.fileCount)"), ("added_lines", "\(report.addedLineCount)"),
                          ("deleted_lines", "\(report.deletedLineCount)"), ("warnings", "\(report.warningCount)")]
        for (name, value) in properties {
            xml.append("      <property name=\"\(name)\" value=\"\(XML.attribute(value))\"/>")
        }
        xml.append("    </properties>")
        for testCase in cases { xml.append(contentsOf: render(testCase)) }
        if !report.notes.isEmpty {
            xml.append("    <system-out>\(XML.text(report.notes.map { "note: \($0)" }.joined(separator: "\n")))</system-out>")
        }
        xml += ["  </testsuite>", "</testsuites>"]
        return xml.joined(separator: "\n") + "\n"
    }

    /// Test cases in the order the rules ran (rules not in `rulesRun` after them, by id), each
    /// rule's files by path with `(change)` first.
    private func testCases(_ report: Report) -> [TestCase] {
        let groups = Dictionary(grouping: report.findings) { [$0.rule, $0.file ?? ""] }
        var cases = groups.map { key, findings in
            TestCase(rule: key[0], name: key[1].isEmpty ? Self.changeName : key[1], findings: findings)
        }
        let found = Set(cases.map(\.rule))
        cases += rulesRun.filter { !found.contains($0) }.map { TestCase(rule: $0, name: Self.changeName, findings: []) }
        let order = Dictionary(rulesRun.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return cases.sorted {
            let left = order[$0.rule] ?? Int.max, right = order[$1.rule] ?? Int.max
            if left != right { return left < right }
            if $0.rule != $1.rule { return $0.rule < $1.rule }
            if ($0.name == Self.changeName) != ($1.name == Self.changeName) { return $0.name == Self.changeName }
            return $0.name < $1.name
        }
    }

    private func render(_ testCase: TestCase) -> [String] {
        let open = "    <testcase classname=\"\(XML.attribute(testCase.rule))\" name=\"\(XML.attribute(testCase.name))\" time=\"0\""
        guard !testCase.findings.isEmpty else { return [open + "/>"] }
        let findings = testCase.findings.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
        let body = XML.text(findings.map { describe($0, place: testCase.name) }.joined(separator: "\n"))
        var lines = [open + ">"]
        if testCase.failed {
            let errors = findings.filter { $0.severity == .error }
            let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
            lines.append("      <failure message=\"\(XML.attribute(errors[0].message + more))\" type=\"\(XML.attribute(testCase.rule))\">\(body)</failure>")
        } else {
            lines.append("      <system-out>\(body)</system-out>")
        }
        lines.append("    </testcase>")
        return lines
    }

    /// The text report's line for a finding: `path:line:col: severity: message [rule]`, hint below.
    private func describe(_ finding: Finding, place: String) -> String {
        let position = [finding.line, finding.column].compactMap { $0 }.map(String.init).joined(separator: ":")
        let location = position.isEmpty ? place : "\(place):\(position)"
        var text = "\(location): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]"
        if let hint = finding.hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Escaping for XML 1.0 text and attribute values.
enum XML {
    static func text(_ value: String) -> String { escape(value, attribute: false) }

    static func attribute(_ value: String) -> String { escape(value, attribute: true) }

    /// `&`, `<` and `>` always (so `]]>` cannot appear), quotes in attributes, and tab, newline
    /// and carriage return in attributes as character references (a parser would turn them into
    /// spaces). Characters XML 1.0 forbids even as references (C0 controls other than tab,
    /// newline and carriage return, U+FFFE, U+FFFF) are written visibly as `\u{1B}`.
    private static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
