import Foundation
import XCTest
@testable import PromptMCPKit

/// The installed hook, exercised by real `git commit`s.
final class HookTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", """
        version: 1
        caps:
          max_lines_per_file: 5
          severity: error
        """)
        try repo.stage("README.md", "hello\n")
        try repo.commit("base")
    }

    private func commit(_ message: String, _ extra: String...) throws -> Command.Result {
        try repo.gitWithHooks(["commit", "-m", message] + extra)
    }


    private func lines(_ count: Int) -> String { (1...count).map { "line \($0)\n" }.joined() }

    func testCommitOverACapIsBlockedWithTheFindingPrinted() throws {
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        let head = try repo.git("rev-parse", "HEAD")
        try repo.stage("big.txt", lines(10))
        let result = try commit("too big")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("big.txt: error: 10 lines changed, over the limit of 5"), result.output)
        XCTAssertTrue(result.output.contains("[caps/max-lines-per-file]"))
        XCTAssertEqual(try repo.git("rev-parse", "HEAD"), head, "the commit must not have been made")
    }

    func testCommitUnderTheCapsIsAllowed() throws {
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        try repo.stage("small.txt", lines(3))
        let result = try commit("small")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(try repo.git("log", "-1", "--format=%s"), "small\n")
    }

    func testCommitAllIsJudgedOnTheIndexGitPreparesForIt() throws {
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        // Unstaged edits: only `git commit -a` (through a temporary GIT_INDEX_FILE) stages them.
        try repo.write("README.md", "hello\n" + lines(10))
        let result = try commit("all", "-a")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.output.contains("README.md: error: 10 lines changed"), result.output)
    }

    func testAnExistingHookIsChainedRunFirstAndRestoredOnUninstall() throws {
        let hooks = repo.root.appendingPathComponent(".git/hooks")
        let original = "#!/bin/sh\necho ran > \"$(git rev-parse --show-toplevel)/chained-ran\"\n"
        try original.write(to: hooks.appendingPathComponent("pre-commit"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks.appendingPathComponent("pre-commit").path)

        let install = try repo.promptmcp("install")
        XCTAssertEqual(install.status, 0)
        XCTAssertTrue(install.stdout.contains("kept as"), install.stdout)

        try repo.stage("small.txt", lines(2))
        XCTAssertEqual(try commit("chained").status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.root.appendingPathComponent("chained-ran").path))

        // Ours still judges: a change over the cap is blocked after the chained hook ran.
        try repo.stage("big.txt", lines(10))
        XCTAssertEqual(try commit("blocked").status, 1)

        XCTAssertEqual(try repo.promptmcp("uninstall").status, 0)
        let restored = try String(contentsOf: hooks.appendingPathComponent("pre-commit"), encoding: .utf8)
        XCTAssertEqual(restored, original)
        XCTAssertFalse(FileManager.default.fileExists(atPath: hooks.appendingPathComponent("pre-commit.promptmcp-chained").path))
    }

    func testAFailingChainedHookBlocksTheCommit() throws {
        let hook = repo.root.appendingPathComponent(".git/hooks/pre-commit")
        try "#!/bin/sh\necho 'lint failed' >&2\nexit 7\n".write(to: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        try repo.stage("small.txt", lines(2))
        let result = try commit("chained fails")
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("lint failed"))
    }

    func testInstallingTwiceUpdatesInPlaceAndKeepsNoBackupOfOurOwnHook() throws {
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        let second = try repo.promptmcp("install")
        XCTAssertTrue(second.stdout.contains("updated"), second.stdout)
        let hooks = try FileManager.default.contentsOfDirectory(atPath: repo.root.appendingPathComponent(".git/hooks").path)
        XCTAssertFalse(hooks.contains { $0.hasSuffix(HookScript.chainedSuffix) })
    }

    func testCoreHooksPathIsHonoured() throws {
        try repo.git("config", "core.hooksPath", ".githooks")
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: repo.root.appendingPathComponent(".githooks/pre-commit").path))
        try repo.stage("big.txt", lines(10))
        XCTAssertEqual(try commit("blocked via hooksPath").status, 1)
    }

    func testALinkedWorktreeSharesTheHooksOfTheMainRepository() throws {
        try repo.git("worktree", "add", "-q", "linked", "-b", "side")
        XCTAssertEqual(try repo.promptmcp("install", in: "linked").status, 0)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: repo.root.appendingPathComponent(".git/hooks/pre-commit").path))
        try repo.write("linked/big.txt", lines(10))
        try repo.git("add", "big.txt", in: "linked")
        let result = try repo.gitWithHooks(["commit", "-m", "in worktree"], in: "linked")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.output.contains("big.txt: error"), result.output)
    }

    /// The shim also looks in /usr/local/bin, where install.sh may have put a binary on this
    /// machine: the commit runs in a mount namespace where that folder is empty.
    func testAMissingBinarySaysHowToInstallIt() throws {
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        try repo.stage("small.txt", lines(2))
        let empty = repo.root.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try Command.run("/usr/bin/unshare", [
            "--mount", "--map-root-user", "sh", "-c",
            "mount --bind \"$1\" /usr/local/bin && exec git commit -m 'no binary'", "sh", empty,
        ], in: repo.path, environment: ["PATH": "/usr/bin:/bin", "HOME": empty, "PROMPTMCP": ""])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("cannot find the promptmcp binary"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--no-verify"))
    }

    func testTheShimsInTheRepositoryMatchWhatInstallWrites() throws {
        let hooksFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("hooks")
        for hook in HookScript.supported {
            let committed = try String(contentsOf: hooksFolder.appendingPathComponent(hook), encoding: .utf8)
            XCTAssertEqual(committed, HookScript.text(for: hook), "hooks/\(hook) is stale: run promptmcp install --print \(hook) > hooks/\(hook)")
        }
    }
}
