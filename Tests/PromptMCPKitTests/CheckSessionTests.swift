import Foundation
import XCTest
@testable import PromptMCPKit

/// The holes one check session closes: what judges a change always comes from a copy the
/// change cannot touch, amends are capped at commit time, every rule's severity takes one path.
final class CheckSessionTests: XCTestCase {
    private func lines(_ count: Int, _ word: String = "line") -> String { (1...count).map { "\(word) \($0)\n" }.joined() }
    /// A repository with one commit of one file.
    private func baseRepo(_ path: String = "README.md", _ text: String = "hello\n") throws -> GitRepo {
        let repo = try GitRepo()
        try repo.stage(path, text)
        try repo.commit("chore: base")
        return repo
    }

    private func head(_ repo: GitRepo, _ revision: String = "HEAD") throws -> String {
        try repo.git("rev-parse", revision).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testACommitCannotBaselineItsOwnSecretInCI() throws {
        let repo = try baseRepo()
        let base = try head(repo)
        try repo.stage("app.py", "AWS_ACCESS_KEY_ID = \"AKIAVQJXXVBOTHD2WTFL\"\n")
        XCTAssertEqual(try repo.promptmcp("baseline", "--worktree").status, 0)
        try repo.git("add", "-A")
        XCTAssertEqual(try repo.promptmcp("check").status, 0, "the staged baseline judges the staged change")
        try repo.commit("feat: app")

        for arguments in [["check", "--from", base, "--to", "HEAD"], ["check", "--commit", "HEAD"]] {
            let result = try repo.promptmcp(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): the base's (empty) baseline judges: \(result.output)")
            XCTAssertTrue(result.stdout.contains("secrets/aws-access-key"), result.stdout)
        }
        let tip = try head(repo)
        let push = try Command.run(Command.promptmcpBinary.path, ["check", "--pre-push"], in: repo.path,
                                   input: "refs/heads/main \(tip) refs/heads/main \(base)\n")
        XCTAssertEqual(push.status, 1, push.output)
        XCTAssertTrue(push.stdout.contains("secrets/aws-access-key"), push.stdout)
    }

    func testARenameOutOfAProtectedPathStaysAnErrorWhereverItGoes() throws {
        let repo = try baseRepo("LICENSE", "MIT\n")
        let policy = try PolicyLoader.load("""
            version: 1
            protected: [LICENSE]
            paths:
              - match: "docs/**"
                rules: { "caps/*": warning }
              - match: "vendor/**"
                exclude: true
            """, file: "policy.yml")
        for target in ["docs/LICENSE", "vendor/LICENSE"] {
            try FileManager.default.createDirectory(at: repo.root.appendingPathComponent(target).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try repo.git("mv", "LICENSE", target)
            let found = try repo.check(policy: policy).findings.map { "\($0.rule) \($0.severity.rawValue)" }
            XCTAssertEqual(found, ["caps/protected-path error"], target)
            let edits = [ProposedEdit(path: target, content: Array("MIT\n".utf8), renamedFrom: "LICENSE")]
            try repo.git("reset", "-q", "--hard")
            let proposed = try repo.check(.proposed(edits), policy: policy).findings.map { "\($0.rule) \($0.severity.rawValue)" }
            XCTAssertEqual(proposed, ["caps/protected-path error"], "over MCP: \(target)")
        }
    }

    func testAPushOfNewHistoryIsJudgedByWhatItBuildsOnOrTheDefaults() throws {
        let repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 5, severity: error }\n")
        try repo.commit("chore: policy")
        let main = try head(repo)
        try repo.git("checkout", "-q", "--orphan", "other")
        try repo.git("rm", "-q", "-rf", ".")
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 500, severity: error }\n")
        try repo.stage("big.txt", lines(20))
        try repo.commit("feat: an unrelated history that relaxes the policy")
        let orphan = try head(repo)
        try repo.git("checkout", "-q", "main")
        try repo.git("merge", "-q", "--allow-unrelated-histories", "-X", "ours", "-m", "merge: other", "other")
        let zero = String(repeating: "0", count: 40)

        let merged = try Command.run(Command.promptmcpBinary.path, ["check", "--pre-push", "--format", "json"], in: repo.path,
                                     input: "refs/heads/main \(try head(repo)) refs/heads/main \(main)\n")
        XCTAssertEqual(merged.status, 1, "main's policy judges the orphan's big file: \(merged.output)")

        let fresh = try Command.run(Command.promptmcpBinary.path, ["check", "--pre-push"], in: repo.path,
                                    input: "refs/heads/other \(orphan) refs/heads/other \(zero)\n")
        XCTAssertEqual(fresh.status, 0, "all new history: the built-in defaults judge (500 lines a file): \(fresh.output)")
        XCTAssertTrue(fresh.output.contains("is a root commit: judged by the built-in defaults"), fresh.output)
    }

    func testCapsOffEverywhereButOnForSomePathsStillJudgeThosePaths() throws {
        let repo = try baseRepo()
        let policy = try PolicyLoader.load("""
            version: 1
            caps: { max_lines_per_file: 2, severity: off }
            paths:
              - match: "src/**"
                caps: { severity: error }
            """, file: "policy.yml")
        try repo.stage("src/a.swift", lines(5))
        try repo.stage("notes.txt", lines(5))
        XCTAssertEqual(try repo.check(policy: policy).findings.map { "\($0.rule) \($0.file ?? "-")" }, ["caps/max-lines-per-file src/a.swift"])
    }

    func testAShallowCloneWithoutTheParentFailsClosedForCommitAndPush() throws {
        let repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 5, severity: error }\n")
        try repo.commit("chore: policy")
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 500, severity: error }\n")
        try repo.stage("big.txt", lines(20))
        try repo.commit("feat: relax the policy and add a big file")
        let clone = repo.root.appendingPathComponent("shallow").path
        try repo.git("clone", "-q", "--depth", "1", "file://" + repo.path, clone)

        let commit = try Command.run(Command.promptmcpBinary.path, ["check", "--commit", "HEAD"], in: clone)
        XCTAssertEqual(commit.status, 3, commit.output)
        XCTAssertTrue(commit.stderr.contains("is not in this shallow clone; fetch more history"), commit.stderr)

        // Nothing on a remote-tracking branch any more: the push sends the boundary commit itself.
        try repo.git(["update-ref", "-d", "refs/remotes/origin/main"], in: "shallow")
        let tip = try repo.git(["rev-parse", "HEAD"], in: "shallow").trimmingCharacters(in: .whitespacesAndNewlines)
        let input = "refs/heads/main \(tip) refs/heads/main \(String(repeating: "0", count: 40))\n"
        let push = try Command.run(Command.promptmcpBinary.path, ["check", "--pre-push"], in: clone, input: input)
        XCTAssertEqual(push.status, 3, push.output)
        XCTAssertTrue(push.stderr.contains("shallow clone"), push.stderr)
    }

    func testAnAmendThatPushesAFileOverItsCapIsRefusedAtPreCommit() throws {
        let repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 5, severity: error }\n")
        try repo.commit("chore: policy")
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        try repo.stage("a.txt", lines(4))
        XCTAssertEqual(try repo.gitWithHooks(["commit", "-q", "-m", "feat: a"]).status, 0)

        try repo.stage("a.txt", lines(8))
        let amend = try repo.gitWithHooks(["commit", "-q", "--amend", "--no-edit"])
        XCTAssertNotEqual(amend.status, 0, "the amended commit adds 8 lines to a.txt: \(amend.output)")
        XCTAssertTrue(amend.output.contains("8 lines changed, over the limit of 5"), amend.output)
        XCTAssertEqual(try repo.gitWithHooks(["commit", "-q", "-m", "feat: more"]).status, 0, "as a commit of its own it adds 4")
    }

    func testAPathsRulesEntryTurnsACapErrorIntoAWarning() throws {
        let repo = try baseRepo()
        let policy = try PolicyLoader.load("""
            version: 1
            caps: { max_lines_per_file: 2, max_files: 1, max_total_lines: 6, severity: error }
            paths:
              - match: "docs/**"
                rules: { "caps/*": warning }
            """, file: "policy.yml")
        try repo.stage("docs/a.md", lines(5))
        let docs = try repo.check(policy: policy).findings.map { "\($0.rule) \($0.severity.rawValue) \($0.file ?? "-")" }
        XCTAssertEqual(docs, ["caps/max-lines-per-file warning docs/a.md"])

        try repo.stage("docs/b.md", lines(5))
        let both = try repo.check(policy: policy).findings.map { "\($0.rule) \($0.severity.rawValue)" }
        XCTAssertEqual(both.sorted(), ["caps/max-files warning", "caps/max-lines-per-file warning", "caps/max-lines-per-file warning",
                                       "caps/max-total-lines warning"], "a change of docs alone warns")

        try repo.stage("Sources/a.swift", lines(5))
        let mixed = try repo.check(policy: policy).findings.filter { $0.file == nil }.map { "\($0.rule) \($0.severity.rawValue)" }
        XCTAssertEqual(mixed.sorted(), ["caps/max-files error", "caps/max-total-lines error"], "the strictest counted path decides")
    }

    func testTheRunRecordNamesItsInputsByObjectID() throws {
        let repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\n")
        try repo.stage("a.txt", "a\n")
        try repo.commit("chore: base")
        try repo.stage("b.txt", "b\n")
        let outcome = try CheckSession(repository: try repo.open(), caller: "test").run(CheckRequest(.staged(amending: false)))
        XCTAssertEqual(outcome.record.head?.hex, try head(repo))
        XCTAssertEqual(outcome.record.policyBlob?.hex, try head(repo, ":.promptmcp/policy.yml"))
        XCTAssertNil(outcome.record.baselineBlob)
        XCTAssertEqual(outcome.record.index?.hex.count, 40)
        XCTAssertEqual(outcome.record.stage, .preCommit)
        XCTAssertEqual(outcome.record.stages.map(\.name), ["resolve", "rules", "collect", "judge files", "judge change"])

        try repo.commit("feat: b")
        let commit = try CheckSession(repository: try repo.open(), caller: "test").run(CheckRequest(.commit("HEAD"))).record
        XCTAssertEqual(commit.commits.map(\.hex), [try head(repo)])
        XCTAssertEqual(commit.judgedBy?.hex, try head(repo, "HEAD^"))
        XCTAssertEqual(commit.policyBlob?.hex, try head(repo, "HEAD^:.promptmcp/policy.yml"))
    }

    func testARootCommitIsJudgedByTheBuiltInDefaultsNotItsOwnPolicy() throws {
        let repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\nquality: { conflict-marker: off }\n")
        try repo.stage("a.txt", "<<<<<<< HEAD\n")
        try repo.commit("feat: root")
        let report = try CheckSession(repository: try repo.open(), caller: "test").run(CheckRequest(.commit("HEAD"))).report
        XCTAssertEqual(report.findings.map(\.rule), ["quality/conflict-marker"])
        XCTAssertTrue(report.notes.contains { $0.contains("is a root commit: judged by the built-in defaults") }, "\(report.notes)")
    }
}
