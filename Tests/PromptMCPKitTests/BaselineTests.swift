import Foundation
import XCTest
@testable import PromptMCPKit

/// The baseline on real repositories: what it may hold, one entry per occurrence, stale
/// entries, and a file that changes only when findings do.
final class BaselineTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps:\n  max_files: 2\n  max_lines_per_file: 3\n")
        try repo.stage("Sources/A.swift", "let a = 1 \nlet a = 1 \nlet b = 2\n")
        try repo.stage("Sources/B.swift", "let b = 2\n")
        try repo.stage("Sources/C.swift", "let c = 3\n")
        try repo.commit("base")
    }

    private func run(_ target: CheckRequest.Target, baseline: Baseline = .empty) throws -> Report {
        var session = CheckSession(repository: try repo.open(), caller: "test")
        session.inputs = JudgingInputs(policy: try PolicySource.forWorkTree(in: try repo.open()), baseline: baseline)
        return try session.run(CheckRequest(target, environment: [:])).report
    }

    private func scanFindings(workTree: Bool = false) throws -> [Finding] { try run(.tree(workTree: workTree)).findings }

    private func stagedReport(_ baseline: Baseline) throws -> Report { try run(.staged(amending: false), baseline: baseline) }

    func testCapsAndOtherChangeWideFindingsAreNeverBaselined() throws {
        for (index, text) in ["x", "y", "z"].enumerated() { try repo.stage("Sources/New\(index).swift", "let \(text) = 0 \n") }
        let findings = try stagedReport(.empty).findings
        XCTAssertTrue(findings.contains { $0.rule == "caps/max-files" }, "3 files staged, over max_files: 2")
        let baseline = Baseline(findings: findings)
        XCTAssertEqual(baseline.entries.map(\.rule), Array(repeating: "quality/trailing-whitespace", count: 3))
        // Even a baseline written by hand (or by an older version) with a cap in it hides none.
        let handWritten = Baseline(entries: baseline.entries + findings.filter { $0.rule.hasPrefix("caps/") }
            .map { Baseline.Entry(fingerprint: $0.fingerprint, rule: $0.rule, file: $0.file) })
        XCTAssertEqual(try stagedReport(handWritten).findings.map(\.rule), ["caps/max-files"])
    }

    func testANewIdenticalFindingInABaselinedFileIsReported() throws {
        let baseline = Baseline(findings: try scanFindings())
        try repo.stage("Sources/A.swift", "let a = 1 \nlet a = 1 \nlet b = 2\nlet a = 1 \n")
        let report = try stagedReport(baseline)
        XCTAssertEqual(report.findings.map { "\($0.rule):\($0.line ?? 0)" }, ["quality/trailing-whitespace:4"])
        XCTAssertEqual(report.baselinedCount, 0, "the staged change adds only line 4")
        let scan = baseline.filter(try scanFindings(workTree: true))
        XCTAssertEqual(scan.kept.map { "\($0.rule):\($0.line ?? 0)" }, ["quality/trailing-whitespace:4"])
        XCTAssertEqual(scan.baselined, 2)
    }

    func testTheFileIsChurnFreeWhenLinesMoveAndWhenItIsRegenerated() throws {
        let before = Baseline(findings: try scanFindings()).encoded()
        XCTAssertEqual(Baseline(findings: try scanFindings()).encoded(), before, "the same tree gives the same bytes")
        try repo.stage("Sources/A.swift", "import Foundation\n\nlet a = 1 \nlet b = 2\nlet a = 1 \n")
        try repo.commit("moved")
        XCTAssertEqual(Baseline(findings: try scanFindings()).encoded(), before, "moved lines change nothing")
        XCTAssertEqual(try Baseline.decode(Array(before)).filter(try scanFindings()).kept, [])
    }

    func testCheckListsStaleEntriesAndPruneRemovesOnlyThem() throws {
        XCTAssertEqual(try repo.promptmcp("baseline").status, 0)
        let written = try String(contentsOf: repo.root.appendingPathComponent(Baseline.path), encoding: .utf8)
        XCTAssertTrue(written.contains("\"version\" : 2"), written)
        let fresh = try repo.promptmcp("baseline", "--check")
        XCTAssertEqual(fresh.status, 0, fresh.output)
        XCTAssertTrue(fresh.stdout.contains("no stale entry (2 entries still match)"), fresh.output)

        try repo.stage("Sources/A.swift", "let a = 1\nlet a = 1 \nlet b = 2\n")
        try repo.commit("fix one")
        let stale = try repo.promptmcp("baseline", "--check")
        XCTAssertEqual(stale.status, 1, stale.output)
        XCTAssertTrue(stale.stdout.contains("stale: quality/trailing-whitespace Sources/A.swift"), stale.output)
        XCTAssertTrue(stale.stdout.contains("1 of 2 entries no longer match"), stale.output)

        XCTAssertEqual(try repo.promptmcp("baseline", "--prune").status, 0)
        let pruned = try Baseline.decode(Array(try Data(contentsOf: repo.root.appendingPathComponent(Baseline.path))))
        XCTAssertEqual(pruned.entries.count, 1)
        XCTAssertEqual(try repo.promptmcp("baseline", "--check").status, 0)
    }

    func testAVersionOneFileIsReadAsItsOccurrencesWithoutItsCaps() throws {
        let finding = Finding(rule: "quality/trailing-whitespace", severity: .warning, file: "a.swift", line: 1,
                              message: "trailing whitespace", fingerprintText: "let a = 1")
        let entry = #"{"fingerprint": "\#(finding.fingerprint)", "rule": "quality/trailing-whitespace", "file": "a.swift"}"#
        let cap = #"{"fingerprint": "0123456789abcdef", "rule": "caps/max-files"}"#
        let baseline = try Baseline.decode(Array(#"{"version": 1, "findings": [\#(entry), \#(entry), \#(cap)]}"#.utf8))
        XCTAssertEqual(baseline.entries.count, 2)
        let lines = [1, 5, 9].enumerated().map { occurrence, line in
            var copy = finding
            (copy.line, copy.occurrence) = (line, occurrence)
            return copy
        }
        let (kept, hidden) = baseline.filter(lines)
        XCTAssertEqual(kept.map(\.line), [9])
        XCTAssertEqual(hidden, 2)
    }
}
