import Foundation
import XCTest
@testable import PromptMCPKit

/// Proposed edits (the MCP check tool) are judged over the index without touching anything.
final class ProposedChangeTests: XCTestCase {
    func testProposedEditsAreJudgedOverTheIndexAndNothingIsWritten() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", (1...10).map { "\($0)\n" }.joined())
        try repo.commit()
        try repo.stage("staged.txt", "staged\n")
        let indexBefore = try Data(contentsOf: repo.root.appendingPathComponent(".git/index"))
        let statusBefore = try repo.git("status", "--porcelain")

        let policy = try PolicyLoader.load("version: 1\ncaps: { max_lines_per_file: 3, severity: error }\nprotected: [LICENSE]\n", file: "p")
        let edits = [
            ProposedEdit(path: "a.txt", content: Array(((1...10).map { "\($0)\n" }.joined() + "11\n12\n").utf8)),
            ProposedEdit(path: "new.txt", content: Array("1\n2\n3\n4\n".utf8)),
            ProposedEdit(path: "LICENSE", content: Array("MIT\n".utf8)),
        ]
        let report = try repo.check(.proposed(edits), policy: policy)
        XCTAssertEqual(report.findings.map { "\($0.rule) \($0.file ?? "")" }.sorted(),
                       ["caps/max-lines-per-file new.txt", "caps/protected-path LICENSE"])
        XCTAssertEqual(report.addedLineCount, 2 + 4 + 1, "a.txt adds only its two new lines")

        XCTAssertEqual(try Data(contentsOf: repo.root.appendingPathComponent(".git/index")), indexBefore)
        XCTAssertEqual(try repo.git("status", "--porcelain"), statusBefore)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.root.appendingPathComponent("new.txt").path))
    }

    func testAProposedDeletionCountsTheIndexVersionsLines() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", "1\n2\n3\n")
        try repo.commit()
        let policy = try PolicyLoader.load("version: 1\n", file: "p")
        let report = try repo.check(.proposed([ProposedEdit(path: "a.txt", content: nil)]), policy: policy)
        XCTAssertEqual(report.deletedLineCount, 3)
    }
}
