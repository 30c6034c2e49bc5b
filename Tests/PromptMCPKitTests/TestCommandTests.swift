import Foundation
import XCTest
@testable import PromptMCPKit

/// `promptmcp test` and the gate stage of `promptmcp check`, through the built binary.
final class TestCommandTests: XCTestCase {
    var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", """
            version: 1
            tests:
              - name: status
                command: "grep -q pass status.txt"
                when: ["status.txt"]
                timeout: 20s
              - name: docs
                command: ["true"]
                when: ["docs/**"]
            """)
        try repo.stage("status.txt", "pass\n")
        try repo.commit("policy and status")
    }

    func testCheckRunsTheTriggeredGateAfterTheRulesAndFailsWhenItFails() throws {
        try repo.stage("status.txt", "fail\n")
        let failing = try repo.promptmcp("check")
        XCTAssertEqual(failing.status, 1, failing.stdout + failing.stderr)
        XCTAssertTrue(failing.stdout.contains("error: test gate 'status' failed: exited with status 1 ("), failing.stdout)
        XCTAssertTrue(failing.stdout.contains("[tests/status]"))
        XCTAssertTrue(failing.stdout.contains("test gates:\n  status: failed: exited with status 1"), failing.stdout)
        XCTAssertTrue(failing.stdout.contains("  docs: skipped: not triggered: no changed path matches 'docs/**'"), failing.stdout)

        try repo.write("status.txt", "pass\n")  // unstaged: the staged "fail" is what is judged
        XCTAssertEqual(try repo.promptmcp("check").status, 1)
        try repo.git("add", "status.txt")
        try repo.stage("notes.txt", "x\n")
        let passing = try repo.promptmcp("check", "--format", "json")
        XCTAssertEqual(passing.status, 0, passing.stdout + passing.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(passing.stdout.utf8)) as? [String: Any])
        let gates = try XCTUnwrap(json["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.map { $0["status"] as? String }, ["skipped", "skipped"], "notes.txt triggers neither gate")
    }

    /// Through the installed hook and a real `git commit`: the gate judges the index git
    /// prepares, which for `commit -a` is a temporary one holding the work tree's edits.
    func testPreCommitHookRefusesACommitWhoseStagedSnapshotFailsItsGate() throws {
        XCTAssertEqual(try repo.promptmcp("install").status, 0)
        let head = try repo.git("rev-parse", "HEAD")
        try repo.stage("status.txt", "fail\n")
        try repo.write("status.txt", "pass\nagain\n")
        let commit = { (extra: [String]) in
            try self.repo.gitWithHooks(["commit", "-m", "status"] + extra)
        }
        let refused = try commit([])
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue((refused.stdout + refused.stderr).contains("test gate 'status' failed"), refused.stdout + refused.stderr)
        XCTAssertEqual(try repo.git("rev-parse", "HEAD"), head, "the commit was not made")
        let allowed = try commit(["-a"])
        XCTAssertEqual(allowed.status, 0, allowed.stdout + allowed.stderr)
    }

    func testEveryReportFormatShowsAFailedGate() throws {
        try repo.stage("status.txt", "fail\n")
        for format in ["text", "json", "sarif", "junit", "github"] {
            let result = try repo.promptmcp("check", "--format", format)
            XCTAssertEqual(result.status, 1, format)
            XCTAssertTrue(result.stdout.contains("tests/status"), "\(format):\n\(result.stdout)")
            XCTAssertTrue(result.stdout.contains("test gate 'status' failed: exited with status 1"), "\(format):\n\(result.stdout)")
        }
    }

    func testTestCommandRunsGatesAloneWithResourceUse() throws {
        let result = try repo.promptmcp("test", "--gate", "status", "--format", "json")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let gates = try XCTUnwrap(json["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.count, 1)
        XCTAssertEqual(gates[0]["name"] as? String, "status")
        XCTAssertEqual(gates[0]["status"] as? String, "passed")
        XCTAssertEqual(gates[0]["exit_status"] as? Int, 0)
        let usage = try XCTUnwrap(gates[0]["usage"] as? [String: Any])
        XCTAssertNotNil(usage["user_s"] as? Double)
        XCTAssertGreaterThan(usage["peak_rss_bytes"] as? Int ?? 0, 0)
        XCTAssertNotNil((gates[0]["output"] as? [String: Any])?["truncated"] as? Bool)
    }

    func testTestCommandRejectsAnUnknownGateNamingTheKnownOnes() throws {
        let result = try repo.promptmcp("test", "--gate", "nope")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "promptmcp: no test gate named 'nope'; the policy's gates: status, docs\n")
    }

    /// Ctrl-C while a gate runs: promptmcp kills the gate's process group, removes the
    /// temporary checkout, and only then dies of the SIGINT it was sent.
    func testInterruptStopsTheGateAndRemovesItsTemporaryFolder() throws {
        let shared = try SandboxFolder()  // the gates' TMPDIR: their workspaces are made in it
        let sleep = ["sleep", "31.4159"]  // a duration no other process uses, to find it by
        try repo.stage(".promptmcp/policy.yml", """
            version: 1
            tests:
              - name: slow
                command: "touch started; exec \(sleep.joined(separator: " "))"
            """)
        let temporary = shared.workspace.home
        let process = Process()
        process.executableURL = Command.promptmcpBinary
        process.arguments = ["test"]
        process.currentDirectoryURL = repo.root
        process.environment = ProcessInfo.processInfo.environment.merging(Command.isolation) { $1 }.merging(["TMPDIR": temporary]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        func started() -> Bool {
            let workspaces = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
            return workspaces.contains { FileManager.default.fileExists(atPath: "\(temporary)/\($0)/tree/started") }
        }
        XCTAssertTrue(eventually(within: 10) { started() && !pids(running: sleep).isEmpty }, "the gate started")
        let gatePIDs = pids(running: sleep)

        process.interrupt()
        XCTAssertTrue(eventually(within: 3) { !process.isRunning }, "promptmcp stopped")
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGINT)
        XCTAssertTrue(gatePIDs.allSatisfy(processIsGone), "the gate's sleep was killed")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporary), [], "the checkout was removed")
    }
}
