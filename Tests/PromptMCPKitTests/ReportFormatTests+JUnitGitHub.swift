import Foundation
import XCTest
@testable import PromptMCPKit

extension ReportFormatTests {
    // MARK: JUnit

    func testJUnitOfARealChangeHasOneTestCasePerRuleAndFileAndSurvivesAHostileFileName() throws {
        let hostile = "we<ird> & \"odd\" ]]> café.txt"
        try repo.stage(hostile, "1\n2\n3\n4\n")
        try repo.stage("b.txt", "1\n")
        let result = try repo.promptmcp("check", "--format", "junit")
        XCTAssertEqual(result.status, 1, result.stderr)
        let document = try Python.parseJUnit(result.stdout)

        XCTAssertEqual(document.tag, "testsuites")
        let suite = try XCTUnwrap(document.suites.first)
        XCTAssertEqual(document.suites.count, 1)
        XCTAssertEqual(suite.attributes["name"], "promptmcp")
        let rules = try RuleSet(policy: PolicyLoader.load(Self.policy, file: "policy"))
        let ran = rules.ids
        let expected = ran.map { id in
            switch id {
            case "caps/max-lines-per-file": return "\(id) \(hostile) failed"
            case "caps/max-files": return "\(id) (change) failed"
            default: return "\(id) (change) passed"
            }
        }
        let cases = suite.cases.map { "\($0.classname) \($0.name) \($0.failure == nil ? "passed" : "failed")" }
        XCTAssertEqual(cases, expected, "every rule that ran is a test case, in order; a finding's file names its own")
        XCTAssertTrue(ran.contains("caps/protected-path"), "at least one rule passes")
        for attributes in [document.attributes, suite.attributes] {
            XCTAssertEqual(attributes["tests"], "\(ran.count)")
            XCTAssertEqual(attributes["failures"], "2")
            XCTAssertEqual(attributes["errors"], "0")
            XCTAssertEqual(attributes["skipped"], "0")
            XCTAssertNotNil(attributes["time"].flatMap(Double.init))
        }
        let failure = try XCTUnwrap(suite.cases.first { $0.classname == "caps/max-lines-per-file" }?.failure)
        XCTAssertEqual(failure.type, "caps/max-lines-per-file")
        XCTAssertEqual(failure.message, "4 lines changed, over the limit of 3 for this file")
        XCTAssertTrue(failure.text.hasPrefix("\(hostile): error: 4 lines changed"), failure.text)
        XCTAssertEqual(suite.properties["target"], "staged change")
        XCTAssertEqual(suite.properties["files"], "2")
    }

    func testJUnitEscapesHostileMessagesAndControlCharacters() throws {
        let hostile = "a < b && \"c\" 'd' ]]> e\u{0}f\u{1B}g\u{7}h\u{FFFE}i\tj\nk\r\nl é😀"
        let visible = "a < b && \"c\" 'd' ]]> e\\u{0}f\\u{1B}g\\u{7}h\\u{FFFE}i\tj\nk\r\nl é😀"
        let report = Self.report([
            Finding(rule: "caps/max-files", severity: .error, file: nil, message: hostile, hint: "<fix> & ]]>"),
            Finding(rule: "caps/max-lines-per-file", severity: .error, file: "x\u{1B}.txt", message: "first"),
            Finding(rule: "caps/max-lines-per-file", severity: .error, file: "x\u{1B}.txt", line: 2, message: "second"),
        ], notes: ["note with <xml> & \u{1B}"])
        let document = try Python.parseJUnit(JUnitReporter().render(report))
        let suite = try XCTUnwrap(document.suites.first)
        XCTAssertEqual(suite.cases.count, 2)
        let change = try XCTUnwrap(suite.cases.first { $0.classname == "caps/max-files" })
        XCTAssertEqual(change.name, "(change)")
        XCTAssertEqual(change.failure?.message, visible, "the attribute keeps tabs and newlines; forbidden characters show as \\u{..}")
        XCTAssertEqual(change.failure?.text, "(change): error: \(visible) [caps/max-files]\n  hint: <fix> & ]]>")
        let file = try XCTUnwrap(suite.cases.first { $0.classname == "caps/max-lines-per-file" })
        XCTAssertEqual(file.name, "x\\u{1B}.txt")
        XCTAssertEqual(file.failure?.message, "first (and 1 more)")
        XCTAssertEqual(file.failure?.text.components(separatedBy: "\n").count, 2, "all findings of the rule and file are in the body")
        XCTAssertEqual(suite.output, "note: note with <xml> & \\u{1B}")
    }

    func testJUnitWarningsPassAndCarryTheirFindingsInSystemOut() throws {
        let report = Self.report([
            Finding(rule: "caps/max-lines-per-file", severity: .warning, file: "big.swift", message: "500 lines changed", hint: "split it"),
        ])
        let document = try Python.parseJUnit(JUnitReporter(rulesRun: ["caps/max-lines-per-file", "caps/max-files"]).render(report))
        let suite = try XCTUnwrap(document.suites.first)
        XCTAssertEqual(suite.attributes["tests"], "2")
        XCTAssertEqual(suite.attributes["failures"], "0", "warnings do not fail the run, so they fail no test")
        XCTAssertEqual(suite.cases.first?.output, "big.swift: warning: 500 lines changed [caps/max-lines-per-file]\n  hint: split it")
        XCTAssertEqual(suite.cases.last?.name, "(change)")
        XCTAssertNil(suite.cases.last?.failure)
    }

    // MARK: GitHub annotations

    func testGitHubAnnotationsOfARealChangeEndWithTheVerdict() throws {
        try repo.stage("a.txt", "1\n2\n3\n4\n")
        try repo.stage("b.txt", "1\n")
        let result = try repo.promptmcp("check", "--format", "github")
        XCTAssertEqual(result.status, 1, result.stderr)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        XCTAssertEqual(lines.count, 3, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("::error title=caps/max-files::2 files changed, over the limit of 1%0Ahint: split"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("::error file=a.txt,title=caps/max-lines-per-file::4 lines changed"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("promptmcp: failed: 2 errors, 0 warnings in the staged change"), lines[2])
    }

    func testGitHubEscapingKeepsEachAnnotationOnOneLineAndItsProperties() {
        let finding = Finding(rule: "caps/max-lines-per-file", severity: .warning, file: "dir,1/a:b%.swift", line: 3, column: 7,
                              message: "50% done\r\n::error::injected", hint: "fix, then: retry")
        XCTAssertEqual(GitHubReporter.annotation(finding),
                       "::warning file=dir%2C1/a%3Ab%25.swift,line=3,col=7,title=caps/max-lines-per-file::50%25 done%0D%0A::error::injected%0Ahint: fix, then: retry")
        let rendered = GitHubReporter().render(Self.report([finding], notes: ["policy\nnote"]))
        XCTAssertEqual(rendered.split(separator: "\n").count, 3, "a notice, the annotation and the verdict: \(rendered)")
        XCTAssertTrue(rendered.hasPrefix("::notice title=promptmcp::policy%0Anote\n"), rendered)
    }

    func testGitHubListsErrorsBeforeWarnings() {
        let rendered = GitHubReporter().render(Self.report([
            Finding(rule: "caps/max-lines-per-file", severity: .warning, file: "a.txt", message: "w"),
            Finding(rule: "caps/max-lines-per-file", severity: .error, file: "b.txt", message: "e"),
        ]))
        XCTAssertTrue(rendered.hasPrefix("::error file=b.txt"), "GitHub shows only the first annotations of a step: \(rendered)")
    }
}
