import XCTest
@testable import PromptMCPKit

/// Rate limits computed from history, with commits dated by GIT_AUTHOR_DATE/GIT_COMMITTER_DATE.
final class RateLimitTests: XCTestCase {
    private let now: Int64 = 1_800_000_000
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage("README.md", "r\n")
        try commit(hoursAgo: 100, "base")
    }

    private func commit(hoursAgo: Int64, _ message: String, author: String = "author@example.com") throws {
        let date = "@\(now - hoursAgo * 3600) +0000"
        try repo.commit(message, environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_EMAIL": author])
    }

    private func payments(_ index: Int, hoursAgo: Int64, author: String = "author@example.com") throws {
        try repo.stage("Sources/Payments/P\(index).swift", "let p = \(index)\n")
        try commit(hoursAgo: hoursAgo, "feat: payments \(index)", author: author)
    }

    private func checkStaged(_ policy: String, author: String = "author@example.com") throws -> Report {
        try repo.check(policy: try PolicyLoader.load("version: 1\n" + policy, file: "policy.yml"), author: author, now: now)
    }

    private let limit = """
    rate_limits:
      - paths: ["Sources/Payments/**"]
        max_commits: 3
        window: 24h
        per: author
    """

    func testTheChangeBeingMadeCountsAndTheFindingSaysWhenTheWindowFreesUp() throws {
        try payments(1, hoursAgo: 20)
        try payments(2, hoursAgo: 10)
        try payments(3, hoursAgo: 1)
        try repo.stage("Sources/Payments/P4.swift", "let p = 4\n")
        let report = try checkStaged(limit)
        // now is 2027-01-15T08:00Z; the oldest counted commit (20 h ago) leaves the window at 12:00Z.
        let finding = try XCTUnwrap(report.findings.first { $0.rule == "rate-limits/exceeded" })
        XCTAssertEqual(finding.message, "4 commits (limit 3) by author@example.com touching Sources/Payments/** within 24h; the window frees up at 2027-01-15T12:00:00Z")
        XCTAssertFalse(report.passed)
    }

    func testCommitsOutsideTheWindowOrByOthersOrElsewhereDoNotCount() throws {
        try payments(1, hoursAgo: 30)
        try payments(2, hoursAgo: 10, author: "someone@example.com")
        try payments(3, hoursAgo: 5)
        try repo.stage("Other.swift", "x\n")
        try commit(hoursAgo: 2, "feat: elsewhere")
        try repo.stage("Sources/Payments/P4.swift", "let p = 4\n")
        XCTAssertEqual(try checkStaged(limit).findings.map(\.rule), [])
        let everyone = limit.replacingOccurrences(of: "per: author", with: "per: everyone").replacingOccurrences(of: "max_commits: 3", with: "max_commits: 2")
        XCTAssertEqual(try checkStaged(everyone).findings.map(\.rule), ["rate-limits/exceeded"])
    }

    func testAStagedChangeOutsideThePathsIsNeverLimited() throws {
        for index in 1...5 { try payments(index, hoursAgo: Int64(index)) }
        try repo.stage("Docs.md", "d\n")
        XCTAssertEqual(try checkStaged(limit).findings.map(\.rule), [])
    }

    func testMaxLinesCountsTheLinesOfTheWindow() throws {
        try repo.stage("Sources/Payments/Big.swift", (1...30).map { "let v\($0) = \($0)\n" }.joined())
        try commit(hoursAgo: 3, "feat: big")
        try repo.stage("Sources/Payments/More.swift", (1...30).map { "let w\($0) = \($0)\n" }.joined())
        let report = try checkStaged("rate_limits:\n  - paths: [\"Sources/Payments/**\"]\n    max_lines: 50\n    window: 7d\n")
        XCTAssertEqual(report.findings.first?.message.hasPrefix("60 changed lines (limit 50)"), true, report.findings.description)
    }

    func testInCIEachCommitIsJudgedWithTheHistoryBeforeIt() throws {
        for index in 1...4 { try payments(index, hoursAgo: Int64(10 - index)) }
        let policy = try PolicyLoader.load("version: 1\n" + limit, file: "policy.yml")
        let report = try repo.check(.range(from: "HEAD~4", to: "HEAD", skipMerges: false, squash: false), policy: policy)
        let flagged = report.findings.filter { $0.rule == "rate-limits/exceeded" }
        XCTAssertEqual(flagged.count, 1, "only the fourth commit is over the limit")
        XCTAssertEqual(flagged.first?.commit, try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
