import Foundation
import XCTest
@testable import PromptMCPKit

/// The `tests:` section: what each key becomes, and the defaults of what it leaves out.
extension PolicyLoaderTests {
    func testTestsSectionLoadsIntoGates() throws {
        let policy = try load("""
            version: 1
            tests:
              - name: unit
                command: ["swift", "test", "--skip-build"]
                when: ["Sources/**", "Tests/**"]
                timeout: 300s
                limits: { cpu: 10m, memory: 4GiB, data: 2GiB, file_size: 64MiB, processes: 256, open_files: 512, output: 2MiB }
                network: true
                env: [CI, "MODE=gate"]
                workdir: Packages/Core
                snapshot: worktree
                severity: warning
                run_after_failures: true
              - name: lint
                command: make lint
            """)
        XCTAssertEqual(policy.tests.count, 2)
        let unit = policy.tests[0]
        XCTAssertEqual(unit.name, "unit")
        XCTAssertEqual(unit.command, .arguments(["swift", "test", "--skip-build"]))
        XCTAssertEqual(unit.when.map(\.pattern), ["Sources/**", "Tests/**"])
        XCTAssertEqual(unit.timeoutSeconds, 300)
        XCTAssertEqual(unit.limits, SandboxLimits(cpuSeconds: 600, addressSpaceBytes: 4 << 30, dataBytes: 2 << 30,
                                                  fileSizeBytes: 64 << 20, processes: 256, openFiles: 512, outputBytes: 2 << 20))
        XCTAssertTrue(unit.network)
        XCTAssertEqual(unit.environment, ["CI", "MODE=gate"])
        XCTAssertEqual(unit.workdir, "Packages/Core")
        XCTAssertEqual(unit.snapshot, .worktree)
        XCTAssertEqual(unit.severity, .warning)
        XCTAssertTrue(unit.runAfterFailures)
        XCTAssertEqual(unit.location?.line, 3)
        XCTAssertEqual(unit.ruleID, "tests/unit")

        let lint = policy.tests[1]
        XCTAssertEqual(lint.command.argv, ["/bin/sh", "-c", "make lint"])
        XCTAssertTrue(lint.when.isEmpty, "no 'when': every change triggers it")
        XCTAssertEqual(lint.timeoutSeconds, TestGate.defaultTimeout)
        XCTAssertFalse(lint.network, "network is off unless allowed")
        XCTAssertEqual(lint.snapshot, .staged)
        XCTAssertEqual(lint.severity, .error)
        XCTAssertFalse(lint.runAfterFailures)
        XCTAssertEqual(lint.limits, SandboxLimits())
        XCTAssertEqual(lint.effectiveLimits(user: .nobody).processes, TestGate.defaultProcessesForNobody)
        XCTAssertNil(lint.effectiveLimits(user: nil).processes, "a caller's own uid keeps its process limit")
    }

    func testTestsSectionMistakesAreErrorsWithPlaces() throws {
        XCTAssertThrowsError(try load("""
            version: 1
            tests:
              - name: unit
                command: ["make"]
                limits: { memroy: 1GiB }
                network: maybe
            """)) { error in
            let messages = (error as? PolicyError)?.diagnostics.map { "\($0.location.line): \($0.message)" } ?? []
            XCTAssertEqual(messages, [
                "5: unknown key 'memroy' in 'tests[0].limits'; did you mean 'memory'?",
                "6: 'tests[0].network' must be true or false, not 'maybe'",
            ])
        }
    }
}
