import XCTest
@testable import PromptMCPKit

/// The edit caps and path rules, judged on real staged changes.
final class CapsRulesTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage("README.md", "base\n")
        try repo.commit("base")
    }

    private func lines(_ count: Int, _ word: String = "line") -> String { (1...count).map { "\(word) \($0)\n" }.joined() }

    private func check(_ policyText: String) throws -> Report {
        let policy = try PolicyLoader.load(policyText, file: "policy.yml")
        return try repo.check(policy: policy)
    }

    private func rules(_ report: Report) -> [String] { report.findings.map(\.rule).sorted() }

    func testLinesPerFileCountsAddedAndDeletedByDefault() throws {
        try repo.stage("a.txt", lines(6))
        try repo.commit()
        try repo.stage("a.txt", lines(3) + lines(3, "new"))  // 3 deleted, 3 added
        let report = try check("version: 1\ncaps: { max_lines_per_file: 5, severity: error }")
        XCTAssertEqual(rules(report), ["caps/max-lines-per-file"])
        XCTAssertEqual(report.findings.first?.message, "6 lines changed, over the limit of 5 for this file")
        XCTAssertNil(report.findings.first?.line, "a whole-file finding has no line")
        XCTAssertFalse(report.passed)
    }

    func testCountAddedIgnoresDeletions() throws {
        try repo.stage("a.txt", lines(10))
        try repo.commit()
        try repo.stage("a.txt", lines(2))
        XCTAssertEqual(rules(try check("version: 1\ncaps: { max_lines_per_file: 5, count: added, severity: error }")), [])
        XCTAssertEqual(rules(try check("version: 1\ncaps: { max_lines_per_file: 5, count: deleted, severity: error }")),
                       ["caps/max-lines-per-file"])
    }

    func testAPathOverrideRaisesTheLimitAndTheLastMatchWins() throws {
        try repo.stage("docs/guide.md", lines(30))
        try repo.stage("docs/api/ref.md", lines(30))
        let report = try check("""
        version: 1
        caps: { max_lines_per_file: 10, severity: error }
        paths:
          - match: "docs/**"
            caps: { max_lines_per_file: 100 }
          - match: "docs/api/**"
            caps: { max_lines_per_file: 20 }
        """)
        XCTAssertEqual(report.findings.map(\.file), ["docs/api/ref.md"])
        XCTAssertTrue(report.findings[0].hint?.contains("policy.yml:7") ?? false, report.findings[0].hint ?? "")
    }

    func testFilesAndTotalLinesPerChange() throws {
        for index in 1...4 { try repo.stage("f\(index).txt", lines(5)) }
        let report = try check("version: 1\ncaps: { max_files: 3, max_total_lines: 15, severity: warning }")
        XCTAssertEqual(rules(report), ["caps/max-files", "caps/max-total-lines"])
        XCTAssertTrue(report.findings.allSatisfy { $0.file == nil && $0.severity == .warning })
        XCTAssertTrue(report.passed, "warnings do not fail the check")
        XCTAssertEqual(report.findings.first { $0.rule == "caps/max-total-lines" }?.message,
                       "20 lines changed in 4 files, over the limit of 15")
    }

    func testZeroMeansNoLimit() throws {
        for index in 1...4 { try repo.stage("f\(index).txt", lines(50)) }
        XCTAssertEqual(rules(try check("version: 1\ncaps: { max_lines_per_file: 0, max_files: 0, max_total_lines: 0, severity: error }")), [])
    }

    func testExcludedAndCapsOffPathsDoNotCount() throws {
        try repo.stage("vendor/lib.c", lines(100))
        try repo.stage("package-lock.json", lines(100))  // built-in: caps off for lock files
        try repo.stage("src/app.c", lines(2))
        let report = try check("""
        version: 1
        caps: { max_lines_per_file: 10, max_files: 1, max_total_lines: 10, severity: error }
        quality: { json-syntax: off }   # the lock file's lines are not JSON
        paths:
          - match: vendor
            exclude: true
        """)
        XCTAssertEqual(rules(report), [])
        XCTAssertEqual(report.fileCount, 3, "excluded files are still listed in the summary")
    }

    func testProtectedPathsRefuseAnyChangeUnlessAnOverrideLiftsThem() throws {
        try repo.stage("LICENSE", "MIT\n")
        try repo.stage(".github/workflows/ci.yml", "on: push\n")
        try repo.commit()
        try repo.git("rm", "-q", "LICENSE")
        try repo.stage(".github/workflows/ci.yml", "on: [push]\n")
        let policy = "version: 1\nprotected: [LICENSE, \".github/workflows/**\"]\n"
        let report = try check(policy)
        XCTAssertEqual(rules(report), ["caps/protected-path", "caps/protected-path"])
        XCTAssertEqual(report.findings.first { $0.file == "LICENSE" }?.message,
                       "LICENSE is protected (policy.yml:2): it may not be deleted")
        let lifted = try check(policy + "paths:\n  - match: LICENSE\n    protected: false\n")
        XCTAssertEqual(lifted.findings.map(\.file), [".github/workflows/ci.yml"])
    }

    func testARenameOutOfAProtectedPathIsCaught() throws {
        try repo.stage("keys/signing.txt", "k\n")
        try repo.commit()
        try repo.git("mv", "keys/signing.txt", "other.txt")
        let report = try check("version: 1\nprotected: [\"keys/**\"]\n")
        XCTAssertEqual(rules(report), ["caps/protected-path"], "the old path is protected even though the new one is not")
    }

    func testSeverityOffSwitchesTheCapsOff() throws {
        try repo.stage("a.txt", lines(50))
        XCTAssertEqual(rules(try check("version: 1\ncaps: { max_lines_per_file: 5, severity: off }")), [])
    }

    func testEveryRuleIsRegisteredOnceAndHasADescription() {
        let ids = RuleRegistry.descriptions.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate rule id")
        XCTAssertTrue(RuleRegistry.descriptions.allSatisfy { !$0.summary.isEmpty && $0.id.contains("/") })
        let ruleFiles = try? FileManager.default.subpathsOfDirectory(atPath: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/PromptMCPKit/Rules").path)
        // One file per rule, but for the provider catalog (rules as data, `ProviderRule`), the
        // scan that runs every secret rule at once and the policy's own content rules.
        let engines: Set<String> = ["Secrets/ProviderRule.swift", "Secrets/SecretScanRule.swift", "ContentRulesRule.swift"]
        let ruleTypes = (ruleFiles ?? []).filter { $0.hasSuffix("Rule.swift") && $0 != "Rule.swift" && !engines.contains($0) }
        XCTAssertEqual(ruleTypes.count, ids.count - ProviderCatalog.rules.count, "a rule file is missing from RuleRegistry: \(ruleTypes)")
    }
}
