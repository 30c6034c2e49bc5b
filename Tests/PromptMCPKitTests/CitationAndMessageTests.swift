import Foundation
import XCTest
@testable import PromptMCPKit

/// Message rules and mandatory citations through real `git commit`s with the installed hooks.
final class CitationAndMessageTests: XCTestCase {
    private var repo: GitRepo!
    private var hookEnvironment: [String: String] { ["PROMPTMCP": Command.promptmcpBinary.path] }

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

    private func commit(_ message: String) throws -> Command.Result {
        try Command.run("/usr/bin/env", ["git", "commit", "-q", "-m", message], in: repo.path, environment: hookEnvironment)
    }

    private func output(_ result: Command.Result) -> String { result.stdout + result.stderr }

    func testALargeChangeUnderACitedPathIsRefusedWithoutACitation() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        let result = try commit("feat: add AES")
        XCTAssertEqual(result.status, 1, output(result))
        XCTAssertTrue(output(result).contains("Sources/Crypto/AES.swift: error: 8 lines added under a path that needs a citation"), output(result))
        XCTAssertTrue(output(result).contains("[citations/missing]"))
    }

    func testATrailerCitationIsAccepted() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        let result = try commit("feat: add AES\n\nSource: https://datatracker.ietf.org/doc/html/rfc5116")
        XCTAssertEqual(result.status, 0, output(result))
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
        XCTAssertTrue(output(result).contains("'docs/gcm.md', which is not a citation promptmcp can check"), output(result))
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
        XCTAssertTrue(output(bad).contains("[message/subject-pattern]"), output(bad))
        let long = try commit("feat: " + String(repeating: "x", count: 60))
        XCTAssertTrue(output(long).contains("over the limit of 50"), output(long))
    }

    func testAmendIsJudgedAgain() throws {
        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        XCTAssertEqual(try commit("feat: add AES\n\nSource: https://example.com/aes").status, 0)
        let amend = try Command.run("/usr/bin/env", ["git", "commit", "-q", "--amend", "-m", "feat: add AES without source"],
                                    in: repo.path, environment: hookEnvironment)
        XCTAssertEqual(amend.status, 1, "the amended message drops the citation: \(output(amend))")
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
        let environment = hookEnvironment.merging(["PROMPTMCP_CACHE_DIR": cache]) { $1 }
        let imported = try Command.run(Command.promptmcpBinary.path, ["docs", "import", "handbook", "--library", "/acme/crypto"],
                                       in: repo.path, environment: environment)
        XCTAssertEqual(imported.status, 0, imported.stderr)

        try repo.stage("Sources/Crypto/AES.swift", lines(8))
        let unknown = try Command.run("/usr/bin/env", ["git", "commit", "-q", "-m", "feat: aes\n\nSource: context7:/other/lib"],
                                      in: repo.path, environment: environment)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(output(unknown).contains("not in the offline documentation cache"), output(unknown))
        let known = try Command.run("/usr/bin/env", ["git", "commit", "-q", "-m", "feat: aes\n\nSource: context7:/acme/crypto"],
                                    in: repo.path, environment: environment)
        XCTAssertEqual(known.status, 0, output(known))
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
