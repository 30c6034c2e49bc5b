import Foundation
import XCTest
@testable import PromptMCPKit

/// Test gates on real repositories: which snapshot they judge, when they run, what they see,
/// and that their temporary folders go away.
final class GateRunnerTests: XCTestCase {
    private var repo: GitRepo!
    private var temporary: URL!

    override func setUpWithError() throws {
        repo = try GitRepo()
        temporary = FileManager.default.temporaryDirectory.appendingPathComponent("promptmcp-gates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: temporary)
        repo = nil
    }

    private func runner() throws -> GateRunner {
        var runner = GateRunner(repository: try repo.open())
        runner.temporaryFolder = temporary
        runner.environment = ["PATH": "/usr/bin:/bin", "KEEP": "kept", "SECRET_TOKEN": "hidden"]
        return runner
    }

    private func gate(_ name: String, _ command: TestGate.Command, timeout: Double = 20) -> TestGate {
        var gate = TestGate(name: name, command: command)
        gate.timeoutSeconds = timeout
        return gate
    }

    private func leftovers() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: temporary.path) }

    private static let goodCalc = "def add(a, b):\n    return a + b\n"
    private static let suite = """
        import unittest
        from calc import add

        class CalcTests(unittest.TestCase):
            def test_add(self):
                self.assertEqual(add(2, 3), 5)
        """

    func testStagedSnapshotIsJudgedWhileTheWorkTreeIsNeitherUsedNorTouched() throws {
        try repo.stage("calc.py", Self.goodCalc)
        try repo.stage("test_calc.py", Self.suite + "\n")
        try repo.commit("calculator")
        let unit = gate("unit", .arguments([systemPython, "-m", "unittest", "-q"]))

        let passing = try runner().run([unit], changedPaths: nil)[0]
        XCTAssertEqual(passing.status, .passed, passing.sandbox?.output.text ?? passing.summary)

        try repo.stage("calc.py", "def add(a, b):\n    return a - b\n")
        try repo.write("calc.py", Self.goodCalc)  // the work tree passes; the index does not
        let failing = try runner().run([unit], changedPaths: nil)[0]
        XCTAssertEqual(failing.status, .failed)
        XCTAssertEqual(failing.summary, "exited with status 1")
        XCTAssertTrue(failing.sandbox?.output.text.contains("AssertionError: -1 != 5") ?? false, failing.sandbox?.output.text ?? "")
        XCTAssertEqual(try String(contentsOf: repo.root.appendingPathComponent("calc.py"), encoding: .utf8), Self.goodCalc)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path + "/__pycache__"), "nothing was written in the work tree")
        XCTAssertEqual(try repo.git("diff", "--cached", "--name-only"), "calc.py\n", "the index is as it was")
        XCTAssertEqual(try leftovers(), [])

        var worktree = unit
        worktree.snapshot = .worktree
        XCTAssertEqual(try runner().run([worktree], changedPaths: nil)[0].status, .passed, "snapshot: worktree opts out")
    }

    func testGateRunsOnlyWhenAChangedPathMatchesWhen() throws {
        var sources = gate("sources", .shell("true"))
        sources.when = [try Glob("src/**")]
        let skipped = try runner().run([sources], changedPaths: ["docs/guide.md"])[0]
        XCTAssertEqual(skipped.status, .skipped)
        XCTAssertEqual(skipped.summary, "not triggered: no changed path matches 'src/**'")
        XCTAssertNil(skipped.finding)
        XCTAssertEqual(try runner().run([sources], changedPaths: ["docs/guide.md", "src/a/b.py"])[0].status, .passed)
    }

    func testGatesWaitForTheRulesUnlessThePolicySaysOtherwise() throws {
        var always = gate("always", .shell("true"))
        always.runAfterFailures = true
        let results = try runner().run([gate("usual", .shell("true")), always], changedPaths: nil, rulesFailed: true)
        XCTAssertEqual(results.map(\.status), [.skipped, .passed])
        XCTAssertTrue(results[0].summary.hasPrefix("not run: the rules already failed"))
    }

    func testTimedOutGateIsAFailingFindingAndLeavesNoTemporaryFolder() throws {
        try repo.stage("a.txt", "a\n")
        let result = try runner().run([gate("slow", .arguments(["sleep", "30"]), timeout: 0.5)], changedPaths: nil)[0]
        XCTAssertEqual(result.status, .failed)
        XCTAssertEqual(result.summary, "killed at the 500 ms timeout")
        let finding = try XCTUnwrap(result.finding)
        XCTAssertEqual(finding.rule, "tests/slow")
        XCTAssertEqual(finding.severity, .error)
        XCTAssertTrue(finding.message.hasPrefix("test gate 'slow' failed: killed at the 500 ms timeout ("), finding.message)
        XCTAssertEqual(try leftovers(), [])
    }

    func testMissingCommandIsAGateThatCouldNotRun() throws {
        let result = try runner().run([gate("lint", .arguments(["no-such-linter"]))], changedPaths: nil)[0]
        XCTAssertEqual(result.status, .error)
        XCTAssertEqual(result.finding?.message, "test gate 'lint' could not run: command not found: 'no-such-linter' (searched PATH: /usr/bin:/bin)")
        XCTAssertEqual(try leftovers(), [])
    }

    func testChildSeesOnlyTheEnvironmentThePolicyAllows() throws {
        var env = gate("env", .arguments(["env"]))
        env.environment = ["KEEP", "SET=by-policy", "UNSET_IN_CALLER"]
        let output = try XCTUnwrap(try runner().run([env], changedPaths: nil)[0].sandbox?.output.text)
        let names = Set(output.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        XCTAssertEqual(names, ["PATH", "HOME", "TMPDIR", "LANG", "PROMPTMCP_GATE", "KEEP", "SET"])
        XCTAssertTrue(output.contains("KEEP=kept\n") && output.contains("SET=by-policy\n"), output)
        XCTAssertFalse(output.contains("hidden"))
    }

    func testWorkdirMustStayInsideTheRepository() throws {
        var escaping = gate("escape", .shell("true"))
        escaping.workdir = "../elsewhere"
        let result = try runner().run([escaping], changedPaths: nil)[0]
        XCTAssertEqual(result.status, .error)
        XCTAssertEqual(result.summary, "workdir '../elsewhere' must be a relative path inside the repository")
    }

    func testWarningGateReportsWithoutFailing() throws {
        var advisory = gate("advisory", .shell("exit 2"))
        advisory.severity = .warning
        let result = try runner().run([advisory], changedPaths: nil)[0]
        XCTAssertEqual(result.finding?.severity, .warning)
    }
}
