import Foundation
import XCTest
@testable import PromptMCPKit

/// Message rules and mandatory citations through real `git commit`s with the installed hooks.
final class CitationAndMessageTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", """
        version: 1
        citations:
          when: { paths: ["Sources/Crypto/**"], min_added_lines: 5 }
          trailers: [Source, Refs]
        message:
          subject_max: 50
          pattern: '^(feat|fix|docs|chore)(\\(.+\\))?: '
        """)
        try repo.stage("docs/aes.md", "# AES notes\n")
        try repo.commit("chore: policy")
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
    }

    private func lines(_ count: Int) -> String { (1...count).map { "let x\($0) = \($0)\n" }.joined() }

    private func commit(_ message: String, environment: [String: String] = [:]) throws -> Command.Result {
        try repo.gitWithHooks(["commit", "-q", "-m", message], environment: environment)
    }


    func testALargeChangeUnderACitedPathIsRefusedWithoutACitation() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        let result = try commit("feat: add AES")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("Sources/Crypto/AES.swift: error: 8 lines added under a path that needs a citation"), result.output)
        XCTAssertTrue(result.output.contains("[citations/missing]"))
    }

    func testATrailerCitationIsAccepted() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        let result = try commit("feat: add AES\n\nSource: https://datatracker.ietf.org/doc/html/rfc5116")
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testAnInlineCitationCommentIsAccepted() throws {
        try repo.stage("Sources/Crypto/AES.swift", "// Source: context7:/apple/swift-crypto@3.12.3\n" + lines(8))
        XCTAssertEqual(try commit("feat: add AES").status, 0)
    }

    func testADocumentInTheCommitIsACitationAndAMissingOneIsNot() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        XCTAssertEqual(try commit("feat: add AES\n\nRefs: docs/aes.md").status, 0)
        try repo.stage("Sources/Crypto/GCM.swift", lines(8))
        let result = try commit("feat: add GCM\n\nRefs: docs/gcm.md")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("'docs/gcm.md', which is not a citation promptmcp can check"), result.output)
    }

    func testSmallChangesAndOtherPathsNeedNoCitation() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(3))
        try repo.stage("Sources/App/Main.swift", lines(40))
        XCTAssertEqual(try commit("feat: small crypto change").status, 0)
    }

    func testTheSubjectMustFollowThePatternAndLength() throws {
        try repo.stage("a.txt", "a\n")
        let bad = try commit("Added a file")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.output.contains("[message/subject-pattern]"), bad.output)
        let long = try commit("feat: " + String(repeating: "x", count: 60))
        XCTAssertTrue(long.output.contains("over the limit of 50"), long.output)
    }

    func testAmendIsJudgedAgain() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        XCTAssertEqual(try commit("feat: add AES\n\nSource: https://example.com/aes").status, 0)
        let amend = try repo.gitWithHooks(["commit", "-q", "--amend", "-m", "feat: add AES without source"])
        XCTAssertEqual(amend.status, 1, "the amended message drops the citation: \(amend.output)")
    }

    func testWorkInProgressCommitsPassLocallyButNotInCI() throws {
        try repo.stage("a.txt", "a\n")
        XCTAssertEqual(try commit("fixup! chore: policy").status, 0, "a fixup is a normal local step")
        let ci = try repo.promptmcp("check", "--commit", "HEAD")
        XCTAssertEqual(ci.status, 1)
        XCTAssertTrue(ci.stdout.contains("[message/work-in-progress]"), ci.stdout)
    }

    func testVerifyCacheAcceptsOnlyWhatTheOfflineCacheHolds() throws {
        try repo.stage(".promptmcp/policy.yml", """
        version: 1
        citations:
          when: { paths: ["Sources/Crypto/**"], min_added_lines: 5 }
          verify: cache
        """)
        try repo.commit("chore: verify citations against the cache")
        let cache = repo.root.appendingPathComponent("cache").path
        try repo.write("handbook/aes.md", "# AES\n\nUse GCM.\n")
        let environment = ["PROMPTMCP_CACHE_DIR": cache]
        let imported = try repo.promptmcp("docs", "import", "handbook", "--library", "/acme/crypto", environment: environment)
        XCTAssertEqual(imported.status, 0, imported.stderr)

        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        let unknown = try commit("feat: aes\n\nSource: context7:/other/lib", environment: environment)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.output.contains("not in the offline documentation cache"), unknown.output)
        let known = try commit("feat: aes\n\nSource: context7:/acme/crypto", environment: environment)
        XCTAssertEqual(known.status, 0, known.output)
    }

    func testVerifyCacheWithoutACacheFallsBackToTheFormWithANote() throws {
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncitations: { when: { min_added_lines: 5 }, verify: cache }\n")
        try repo.commit("chore: verify citations against the cache")
        try repo.stage("a.swift", lines(8))
        try repo.commit("feat: a\n\nSource: https://example.com/a")
        let result = try repo.promptmcp("check", "--commit", "HEAD", environment: ["PROMPTMCP_CACHE_DIR": repo.root.appendingPathComponent("none").path])
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertTrue(result.stdout.contains("checked for their form only"), result.stdout)
    }
}
