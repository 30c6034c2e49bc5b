import Foundation
import XCTest
@testable import PromptMCPKit

/// CI range mode, squash, merges, rebases, shallow clones and the pre-push hook.
final class RangeAndPushTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 5, severity: error }\n")
        try repo.commit("chore: base")
    }

    private func lines(_ count: Int, _ word: String = "line") -> String { (1...count).map { "\(word) \($0)\n" }.joined() }

    private func json(_ result: Command.Result) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout + result.stderr)
    }

    func testARangeOfFiftyCommitsIsJudgedCommitByCommitWithIds() throws {
        let base = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        for index in 1...50 {
            try repo.stage("f\(index).txt", lines(index == 30 ? 9 : 2))
            try repo.commit("feat: file \(index)")
        }
        let result = try repo.promptmcp("check", "--from", base, "--to", "HEAD", "--format", "json")
        XCTAssertEqual(result.status, 1)
        let report = try json(result)
        XCTAssertEqual(report["target"] as? String, "range \(base)..HEAD (50 commits)")
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.map { $0["file"] as? String }, ["f30.txt"])
        let thirtieth = try repo.git("rev-parse", "HEAD~20").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(findings.first?["commit"] as? String, thirtieth)
    }

    func testTheBaseCommitsPolicyJudgesTheRangeSoItCannotBeRelaxed() throws {
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 500, severity: error }\n")
        try repo.stage("big.txt", lines(20))
        try repo.commit("feat: relax and add")
        XCTAssertEqual(try repo.promptmcp("check", "--from", "HEAD~1").status, 1)
    }

    func testSquashJudgesTheCumulativeChange() throws {
        try repo.stage("a.txt", lines(4))
        try repo.commit("feat: a")
        try repo.stage("a.txt", lines(8))
        try repo.commit("feat: more a")
        XCTAssertEqual(try repo.promptmcp("check", "--from", "HEAD~2").status, 0, "each commit is under the cap")
        let squashed = try repo.promptmcp("check", "--from", "HEAD~2", "--squash")
        XCTAssertEqual(squashed.status, 1, squashed.stdout)
        XCTAssertTrue(squashed.stdout.contains("a.txt: error: 8 lines changed"), squashed.stdout)
    }

    func testMergeCommitsAreJudgedAgainstTheirFirstParentOrSkipped() throws {
        let base = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("checkout", "-q", "-b", "side")
        try repo.stage("side.txt", lines(9))
        try repo.commit("feat: side")
        try repo.git("checkout", "-q", "main")
        try repo.stage("main.txt", lines(2))
        try repo.commit("feat: main")
        try repo.git("merge", "-q", "--no-ff", "--no-edit", "side")
        let all = try json(try repo.promptmcp("check", "--from", base, "--format", "json"))
        let files = (all["findings"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        XCTAssertEqual(files, ["side.txt", "side.txt"], "once in its own commit, once in the merge against its first parent")
        let skipping = try json(try repo.promptmcp("check", "--from", base, "--skip-merges", "--format", "json"))
        XCTAssertEqual((skipping["findings"] as? [[String: Any]])?.count, 1)
        XCTAssertTrue((skipping["notes"] as? [String] ?? []).contains("1 merge commit skipped (--skip-merges)"))
    }

    func testARebasedRangeIsJudgedAsItNowStands() throws {
        try repo.git("checkout", "-q", "-b", "topic")
        try repo.stage("t.txt", lines(2))
        try repo.commit("feat: t")
        try repo.git("checkout", "-q", "main")
        try repo.stage("m.txt", lines(2))
        try repo.commit("feat: m")
        try repo.git("checkout", "-q", "topic")
        try repo.git("rebase", "-q", "main")
        let result = try json(try repo.promptmcp("check", "--from", "main", "--to", "topic", "--format", "json"))
        XCTAssertEqual(result["target"] as? String, "range main..topic (1 commit)")
    }

    func testAShallowCloneMissingTheBaseSaysToFetchMore() throws {
        for index in 1...3 { try repo.stage("f\(index).txt", "x\n"); try repo.commit("feat: \(index)") }
        let base = try repo.git("rev-parse", "HEAD~3").trimmingCharacters(in: .whitespacesAndNewlines)
        let clone = repo.root.appendingPathComponent("shallow").path
        try repo.git("clone", "-q", "--depth", "1", "file://" + repo.path, clone)
        let result = try Command.run(Command.promptmcpBinary.path, ["check", "--from", base], in: clone)
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("is not in this shallow clone; fetch more history"), result.stderr)
    }

    func testPrePushJudgesANewBranchsCommitsOnly() throws {
        let remote = try GitRepo(bare: true)
        try repo.git("remote", "add", "origin", remote.path)
        try repo.git("push", "-q", "origin", "main")
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.stage("big.txt", lines(9))
        try repo.commit("feat: big")
        let push = try repo.gitWithHooks(["push", "-q", "origin", "feature"])
        XCTAssertNotEqual(push.status, 0, "the push is refused")
        XCTAssertTrue((push.stdout + push.stderr).contains("big.txt: error"), push.stdout + push.stderr)
        XCTAssertTrue((push.stdout + push.stderr).contains("in the push (1 commit"), "commits already on the remote are not judged again: \(push.stderr)")
        try repo.git("reset", "-q", "--hard", "HEAD~1")
        try repo.stage("ok.txt", lines(2))
        try repo.commit("feat: ok")
        let ok = try repo.gitWithHooks(["push", "-q", "origin", "feature"])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        let delete = try repo.gitWithHooks(["push", "-q", "origin", "--delete", "feature"])
        XCTAssertEqual(delete.status, 0, "deleting a branch sends nothing to judge: \(delete.stderr)")
    }
}
