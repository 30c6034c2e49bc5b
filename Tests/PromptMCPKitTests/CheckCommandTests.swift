import Foundation
import XCTest
@testable import PromptMCPKit

/// `promptmcp check` as a user runs it: the built binary, exit statuses, text and JSON output.
final class CheckCommandTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 3, max_files: 1, severity: error }\n")
        try repo.commit("policy")
    }

    func testJSONReportHasTheDocumentedFields() throws {
        try repo.stage("a.txt", "1\n2\n3\n4\n")
        try repo.stage("b.txt", "1\n")
        let result = try repo.promptmcp("check", "--format", "json")
        XCTAssertEqual(result.status, 1, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["passed"] as? Bool, false)
        let findings = try XCTUnwrap(json["findings"] as? [[String: Any]])
        let perFile = try XCTUnwrap(findings.first { $0["rule"] as? String == "caps/max-lines-per-file" })
        XCTAssertEqual(perFile["file"] as? String, "a.txt")
        XCTAssertTrue(perFile["line"] is NSNull, "line is present and null for a whole-file finding")
        XCTAssertEqual(perFile["severity"] as? String, "error")
        let perChange = try XCTUnwrap(findings.first { $0["rule"] as? String == "caps/max-files" })
        XCTAssertTrue(perChange["file"] is NSNull)
        let summary = try XCTUnwrap(json["summary"] as? [String: Any])
        XCTAssertEqual(summary["files"] as? Int, 2)
        XCTAssertEqual(summary["added_lines"] as? Int, 5)
        XCTAssertEqual(summary["errors"] as? Int, 2)
        XCTAssertNotNil(summary["duration_ms"] as? Double)
    }

    func testTextReportGroupsByFileWithRuleIdsAndHints() throws {
        try repo.stage("a.txt", "1\n2\n3\n4\n")
        let result = try repo.promptmcp("check")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("a.txt: error: 4 lines changed, over the limit of 3 for this file [caps/max-lines-per-file]\n  hint: "), result.stdout)
        XCTAssertTrue(result.stdout.contains("promptmcp: failed: 1 error, 0 warnings"), result.stdout)
        XCTAssertFalse(result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    func testACleanChangePassesWithStatusZero() throws {
        try repo.stage("a.txt", "1\n")
        let result = try repo.promptmcp("check")
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertTrue(result.stdout.contains("passed"))
    }

    func testUsageErrorsExitWithTwo() throws {
        XCTAssertEqual(try repo.promptmcp("check", "--format", "xml").status, 2)
        XCTAssertEqual(try repo.promptmcp("check", "--no-such-flag").status, 2)
        XCTAssertEqual(try repo.promptmcp("install", "--print", "post-merge").status, 2)
    }

    func testHelpAndVersionExitWithZero() throws {
        let help = try repo.promptmcp("--help")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("Exit status"))
        XCTAssertEqual(try repo.promptmcp("--version").status, 0)
    }

    func testCommitModeUsesTheParentsPolicySoACommitCannotRelaxIt() throws {
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 100, severity: error }\n")
        try repo.stage("a.txt", "1\n2\n3\n4\n5\n")
        try repo.commit("relax the policy and add a big file")
        let result = try repo.promptmcp("check", "--commit", "HEAD")
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("a.txt: error"), result.stdout)
        XCTAssertTrue(result.stdout.contains("(at "), "the report names the commit whose policy judged")
    }

    func testAnUnknownRevisionIsARepositoryError() throws {
        let result = try repo.promptmcp("check", "--commit", "no-such-branch")
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("unknown revision 'no-such-branch'"), result.stderr)
    }

    func testColourIsOffWhenNoColorIsSetEvenOnATerminal() throws {
        // `script` gives the child a terminal; NO_COLOR must still win.
        try repo.stage("a.txt", "1\n2\n3\n4\n")
        let binary = Command.promptmcpBinary.path
        let coloured = try Command.run("/usr/bin/script", ["-qec", "\(binary) check", "/dev/null"], in: repo.path, environment: ["NO_COLOR": ""])
        XCTAssertTrue(coloured.stdout.contains("\u{1B}[31m"), "colour on a terminal: \(coloured.stdout)")
        let plain = try Command.run("/usr/bin/script", ["-qec", "\(binary) check", "/dev/null"], in: repo.path, environment: ["NO_COLOR": "1"])
        XCTAssertFalse(plain.stdout.contains("\u{1B}["), plain.stdout)
    }
}
