import Foundation
import XCTest
@testable import PromptMCPKit
@testable import PromptMCPKnowledge

/// Lessons learned by the hook: an error that a later passing check fixed, once, never on CI.
final class LessonLearningTests: XCTestCase {
    private var repo: GitRepo!
    /// The suite may itself run on CI: the tests that expect learning ask for it.
    private let learning = ["PROMPTMCP_LEARN_LESSONS": "1"]
    private static let conflicted = "let a = 1\n<<<<<<< HEAD\nlet b = 2\n"
    private static let resolved = "let a = 1\nlet b = 2\n"

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage("README.md", "base\n")
        try repo.commit()
    }

    private func check(_ environment: [String: String]? = nil) throws -> Command.Result {
        try repo.promptmcp("check", environment: environment ?? learning)
    }

    func testAFixedErrorBecomesALessonOnceAndTheSameMistakeCountsAgainQuietly() throws {
        try repo.stage("Sources/a.swift", Self.conflicted)
        XCTAssertEqual(try check().status, 1)
        try repo.stage("Sources/a.swift", Self.resolved)
        let fixed = try check()
        XCTAssertEqual(fixed.status, 0, fixed.output)
        XCTAssertTrue(fixed.stdout.contains("lesson learned: quality/conflict-marker in Sources/*.swift"), fixed.stdout)
        XCTAssertFalse(try check().stdout.contains("lesson learned"), "nothing pending any more")

        try repo.stage("Sources/b.swift", Self.conflicted)
        XCTAssertEqual(try check().status, 1)
        try repo.stage("Sources/b.swift", Self.resolved)
        let again = try check()
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertFalse(again.stdout.contains("lesson learned"), "a known lesson is counted, not announced again: \(again.stdout)")
        let list = try repo.promptmcp("lessons", "list")
        XCTAssertEqual(list.stdout.components(separatedBy: "quality/conflict-marker in Sources/*.swift").count - 1, 1, list.stdout)
    }

    func testUnstagingABadFileTeachesNothingUntilItIsFixed() throws {
        try repo.stage("Sources/a.swift", Self.conflicted)
        XCTAssertEqual(try check().status, 1)
        try repo.git("rm", "-q", "--cached", "Sources/a.swift")
        try repo.stage("Sources/other.swift", "let c = 3\n")
        let unstaged = try check()
        XCTAssertEqual(unstaged.status, 0, unstaged.output)
        XCTAssertFalse(unstaged.stdout.contains("lesson learned"), unstaged.stdout)
        try repo.stage("Sources/a.swift", Self.resolved)
        XCTAssertTrue(try check().stdout.contains("lesson learned: quality/conflict-marker"), "the error waited for its fix")
    }

    func testNoLessonIsLearnedOnCIUnlessAskedFor() throws {
        let ci = ["CI": "true"]
        try repo.stage("Sources/a.swift", Self.conflicted)
        XCTAssertEqual(try check(ci).status, 1)
        try repo.stage("Sources/a.swift", Self.resolved)
        XCTAssertFalse(try check(ci).stdout.contains("lesson learned"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".git/promptmcp/pending-findings.json").path))
        XCTAssertTrue(LessonLearning.learns(in: ["CI": "true", "PROMPTMCP_LEARN_LESSONS": "1"]))
        XCTAssertFalse(LessonLearning.learns(in: ["GITHUB_ACTIONS": "true"]))
        XCTAssertFalse(LessonLearning.learns(in: ["PROMPTMCP_LEARN_LESSONS": "0"]))
        XCTAssertTrue(LessonLearning.learns(in: ["CI": "false"]))
    }

    func testGitHubAnnotationsLeaveLessonNotesOut() {
        let report = ReportFormatTests.report([], notes: [
            Report.lessonNote + "quality/conflict-marker in Sources/*.swift (promptmcp lessons show L1234567)",
            ".promptmcp/policy.yml has unstaged edits; the staged version judges this commit",
        ])
        let output = GitHubReporter().render(report)
        XCTAssertFalse(output.contains("lesson"), output)
        XCTAssertTrue(output.contains("::notice title=promptmcp::.promptmcp/policy.yml has unstaged edits"), output)
        XCTAssertTrue(TextReporter(colour: false).render(report).contains("lesson learned"), "people at a terminal still see it")
    }
}
