import Foundation
import XCTest
@testable import PromptMCPKit

/// The CI formats (SARIF, JUnit, GitHub annotations) and `check --output`, judged by outside
/// parsers: the official SARIF 2.1.0 schema through Python's jsonschema, and JUnit XML through
/// Python's ElementTree (expat, which rejects anything that is not well-formed XML 1.0).
final class ReportFormatTests: XCTestCase {
    var repo: GitRepo!
    static let policy = "version: 1\ncaps: { max_lines_per_file: 3, max_files: 1, severity: error }\n"

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", Self.policy)
        try repo.commit("policy")
    }

    // MARK: SARIF

    func testSARIFOfARealChangeIsValidAndLocatesEveryResult() throws {
        try repo.stage("a.txt", "1\n2\n3\n4\n")
        try repo.stage("b.txt", "1\n")
        let result = try repo.promptmcp("check", "--format", "sarif")
        XCTAssertEqual(result.status, 1, result.stderr)
        try Python.assertValidSARIF(result.stdout)

        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        XCTAssertEqual(log["$schema"] as? String, "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "promptmcp")
        XCTAssertEqual(driver["version"] as? String, "0.1.0")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, RuleRegistry.descriptions.map(\.id), "every rule is described, found or not")
        let base = try XCTUnwrap((run["originalUriBaseIds"] as? [String: [String: Any]])?["%SRCROOT%"]?["uri"] as? String)
        XCTAssertTrue(base.hasPrefix("file:///") && base.hasSuffix("/"), base)
        XCTAssertEqual((run["invocations"] as? [[String: Any]])?.first?["executionSuccessful"] as? Bool, true)

        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 2)
        for result in results {
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, result["ruleId"] as? String, "ruleIndex points at its rule")
            XCTAssertEqual(result["level"] as? String, "error")
            XCTAssertEqual((result["partialFingerprints"] as? [String: String])?["promptmcpFingerprint/v1"]?.count, 16)
        }
        let perFile = try XCTUnwrap(results.first { $0["ruleId"] as? String == "caps/max-lines-per-file" })
        XCTAssertEqual(try Self.location(perFile)["uri"] as? String, "a.txt")
        XCTAssertTrue(try Self.physical(perFile)["region"] == nil, "no region for a whole-file finding")
        XCTAssertTrue((perFile["message"] as? [String: String])?["text"]?.contains("\nhint: ") == true)
        let perChange = try XCTUnwrap(results.first { $0["ruleId"] as? String == "caps/max-files" })
        XCTAssertEqual(try Self.location(perChange)["uri"] as? String, ".promptmcp/policy.yml",
                       "a change-wide finding is located on the policy, as code scanning needs a location")
    }

    func testSARIFRegionsURIsAndUnknownRulesFollowTheSpec() throws {
        let report = Self.report([
            Finding(rule: "caps/max-lines-per-file", severity: .warning, file: "src/a b#1:ü%.swift", line: 3, column: 7, message: "m"),
            Finding(rule: "caps/max-lines-per-file", severity: .warning, file: "src/c.swift", line: 9, message: "m"),
            Finding(rule: "future/rule", severity: .error, file: "c.swift", message: "from a rule not in the list"),
        ], notes: ["the policy file has unstaged edits"])
        let text = SARIFReporter(toolVersion: "9.9.9", sourceRoot: "/work/my repo").render(report)
        try Python.assertValidSARIF(text)

        let run = try XCTUnwrap(((JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(try Self.location(results[0])["uri"] as? String, "src/a%20b%231%3A%C3%BC%25.swift")
        XCTAssertEqual(try Self.physical(results[0])["region"] as? [String: Int], ["startLine": 3, "startColumn": 7])
        XCTAssertEqual(try Self.physical(results[1])["region"] as? [String: Int], ["startLine": 9], "no column when it is not known")
        XCTAssertEqual(results[0]["level"] as? String, "warning")
        let rules = try XCTUnwrap((((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"]) as? [[String: Any]])
        XCTAssertEqual(rules[try XCTUnwrap(results[2]["ruleIndex"] as? Int)]["id"] as? String, "future/rule")
        let base = (run["originalUriBaseIds"] as? [String: [String: Any]])?["%SRCROOT%"]?["uri"] as? String
        XCTAssertEqual(base, "file:///work/my%20repo/")
        let notifications = (run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]]
        XCTAssertEqual((notifications?.first?["message"] as? [String: String])?["text"], "the policy file has unstaged edits")
    }

    func testSARIFOfACleanChangeHasNoResultsAndIsStillValid() throws {
        try repo.stage("a.txt", "1\n")
        let result = try repo.promptmcp("check", "--format", "sarif")
        XCTAssertEqual(result.status, 0, result.stderr)
        try Python.assertValidSARIF(result.stdout)
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
    }

    // MARK: --output

    func testOutputWritesTheReportToAFileAndOnlyAVerdictToStandardError() throws {
        try repo.stage("a.txt", "1\n2\n3\n4\n")
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try repo.write("reports/promptmcp.sarif", "stale report")
        let result = try repo.promptmcp("check", "--format", "sarif", "--output", "reports/promptmcp.sarif")
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("promptmcp: failed: 1 error"), result.stderr)
        XCTAssertTrue(result.stderr.contains("reports/promptmcp.sarif"), result.stderr)
        let written = try String(contentsOf: repo.root.appendingPathComponent("reports/promptmcp.sarif"), encoding: .utf8)
        try Python.assertValidSARIF(written)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: repo.path + "/reports"), ["promptmcp.sarif"],
                       "replaced in place, no temporary file left behind")
    }

    func testOutputIntoAMissingFolderOrOntoAFolderIsAUsageError() throws {
        try repo.stage("a.txt", "1\n")
        let missing = try repo.promptmcp("check", "--output", "no/such/folder/report.json")
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)
        XCTAssertEqual(try repo.promptmcp("check", "--output", ".promptmcp").status, 2)
    }

    // MARK: Helpers

    static func report(_ findings: [Finding], notes: [String] = []) -> Report {
        Report(target: "staged change", policySource: "built-in defaults", findings: findings, fileCount: 3,
               addedLineCount: 10, deletedLineCount: 2, stages: [("judge files", 1.5)], notes: notes)
    }

    private static func physical(_ result: [String: Any]) throws -> [String: Any] {
        let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first, "at least one location")
        return try XCTUnwrap(location["physicalLocation"] as? [String: Any])
    }

    private static func location(_ result: [String: Any]) throws -> [String: Any] {
        let artifact = try XCTUnwrap(try physical(result)["artifactLocation"] as? [String: Any])
        XCTAssertEqual(artifact["uriBaseId"] as? String, "%SRCROOT%")
        return artifact
    }
}
