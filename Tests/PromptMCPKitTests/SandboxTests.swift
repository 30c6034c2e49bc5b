import Foundation
import XCTest
@testable import PromptMCPKit

/// The sandbox with real processes: each hostile or broken child is stopped by the bound
/// meant for it, and the outcome is reported in words.
final class SandboxTests: XCTestCase {
    private var folder: SandboxFolder!

    override func setUpWithError() throws {
        folder = try SandboxFolder()
    }

    override func tearDown() {
        folder = nil
    }

    func testNonZeroExitIsReportedWithItsStatusAndBothStreams() throws {
        let result = try folder.shell("echo to-stdout; echo to-stderr >&2; exit 3")
        XCTAssertEqual(result.termination, .exited(3))
        XCTAssertFalse(result.succeeded)
        XCTAssertEqual(result.summary, "exited with status 3")
        XCTAssertTrue(result.output.text.contains("to-stdout"), result.output.text)
        XCTAssertTrue(result.output.text.contains("to-stderr"), result.output.text)
    }

    func testMissingExecutableIsAClearErrorNamingWhatWasSearched() throws {
        XCTAssertThrowsError(try folder.run(["no-such-command-promptmcp"])) { error in
            let error = error as? SandboxError
            XCTAssertEqual(error?.stage, .exec)
            XCTAssertEqual(error?.description, "command not found: 'no-such-command-promptmcp' (searched PATH: /usr/local/bin:/usr/bin:/bin)")
        }
    }

    /// Root's PATH often starts with folders `nobody` cannot enter (~/.pyenv/shims): they are
    /// skipped, a program found nowhere is "not found", and one found only there is "denied".
    func testPathFoldersTheGateUserCannotEnterAreSkippedAndNamedOnlyWhenTheyHoldTheProgram() throws {
        guard SandboxUser.forUntrustedCode != nil else { return }
        let closed = try SandboxFolder()  // handed to nobody; closed again below
        let tool = closed.workspace.root + "/bin/promptmcp-closed-tool"
        try FileManager.default.createDirectory(atPath: closed.workspace.root + "/bin", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: tool, contents: Data("#!/bin/sh\necho hi\n".utf8),
                                                     attributes: [.posixPermissions: 0o755]))
        chown(closed.workspace.root, 0, 0)
        let path = closed.workspace.root + "/bin:/usr/bin:/bin"
        XCTAssertEqual(try folder.run(["id", "-u"], environment: ["PATH": path]).output.text, "65534\n", "skipped, found later")
        XCTAssertThrowsError(try folder.run(["no-such-tool-anywhere"], environment: ["PATH": path])) { error in
            XCTAssertTrue("\(error)".hasPrefix("command not found: 'no-such-tool-anywhere'"), "\(error)")
        }
        XCTAssertThrowsError(try folder.run(["promptmcp-closed-tool"], environment: ["PATH": path])) { error in
            XCTAssertTrue("\(error)".hasPrefix("permission denied running '\(tool)' as uid 65534"), "\(error)")
        }
    }

    func testUntrustedChildRunsAsNobodyWhenTheCallerIsRoot() throws {
        let result = try folder.run(["id", "-u"])
        let expected = SandboxUser.forUntrustedCode.map { String($0.uid) } ?? String(getuid())
        XCTAssertEqual(result.output.text.trimmingCharacters(in: .whitespacesAndNewlines), expected)
    }

    func testInfiniteLoopIsStoppedAtTheCPULimit() throws {
        let result = try folder.shell("while :; do :; done", limits: SandboxLimits(cpuSeconds: 1), timeout: 10)
        XCTAssertEqual(result.termination, .signalled(SIGXCPU))
        XCTAssertEqual(result.summary, "CPU limit reached (1 s)")
        XCTAssertGreaterThanOrEqual(result.usage.userSeconds + result.usage.systemSeconds, 0.9)
        XCTAssertLessThan(result.usage.wallSeconds, 5)
    }

    func testMemoryHogIsStoppedAtTheMemoryLimit() throws {
        let limits = SandboxLimits(addressSpaceBytes: 256 << 20)
        let result = try folder.run([systemPython, "-c", "block = bytearray(1 << 30); print('allocated')"], limits: limits)
        XCTAssertEqual(result.termination, .exited(1), result.output.text)
        XCTAssertFalse(result.output.text.contains("allocated"))
        XCTAssertEqual(result.summary, "memory limit reached (256 MiB)")
        XCTAssertLessThan(result.usage.peakRSSBytes, 256 << 20)
    }

    func testOutputIsCappedAndAnEndlessWriterIsStopped() throws {
        let result = try folder.run(["yes"], limits: SandboxLimits(outputBytes: 64 << 10), timeout: 10)
        XCTAssertEqual(result.stop, .outputFlood)
        XCTAssertTrue(result.output.truncated)
        XCTAssertLessThanOrEqual(result.output.keptBytes, 64 << 10)
        XCTAssertGreaterThan(result.output.totalBytes, 64 << 20)
        XCTAssertTrue(result.summary.contains("output over 64 KiB, truncated"), result.summary)
        XCTAssertTrue(result.output.text.hasPrefix("y\ny\n"))
        XCTAssertTrue(result.output.text.contains("bytes not kept: output over 64 KiB"))
        XCTAssertLessThan(result.usage.wallSeconds, 5)
    }

    func testSleepPastTheTimeoutIsKilledAtTheTimeout() throws {
        let result = try folder.run(["sleep", "30"], timeout: 0.5)
        XCTAssertEqual(result.stop, .timeout)
        XCTAssertEqual(result.termination, .signalled(SIGKILL))
        XCTAssertEqual(result.summary, "killed at the 500 ms timeout")
        XCTAssertLessThan(result.usage.wallSeconds, 1.5)
    }

    func testBackgroundedGrandchildHoldingThePipesDoesNotHoldTheRun() throws {
        let result = try folder.shell("sleep 30 & echo $!; echo started")
        XCTAssertEqual(result.termination, .exited(0))
        XCTAssertTrue(result.succeeded)
        XCTAssertFalse(result.outputHeldOpen)
        XCTAssertLessThan(result.usage.wallSeconds, 1)
        let grandchild = try XCTUnwrap(pid_t(result.output.lastLines(2).first ?? ""))
        XCTAssertTrue(eventually(within: 2) { processIsGone(grandchild) }, "the backgrounded sleep was killed with its group")
    }

    func testGrandchildThatLeavesTheGroupIsNotWaitedFor() throws {
        // setsid escapes a process-group kill (only a PID namespace would catch it): the
        // supervisor must still return soon after the leader, and say why the output was cut.
        let result = try folder.shell("setsid sh -c 'echo $$; exec sleep 30' & sleep 0.2")
        let escaped = pid_t(result.output.lastLines(1).first ?? "")
        defer { if let escaped { kill(escaped, SIGKILL) } }
        XCTAssertTrue(result.outputHeldOpen)
        XCTAssertLessThan(result.usage.wallSeconds, 1.5)
        XCTAssertTrue(result.summary.contains("kept its output open"), result.summary)
    }

    func testFileSizeBombIsStoppedAtTheFileSizeLimit() throws {
        let result = try folder.shell("head -c 10485760 /dev/zero > big && echo written", limits: SandboxLimits(fileSizeBytes: 1 << 20))
        XCTAssertEqual(result.termination, .exited(128 + SIGXFSZ), "the shell reports head's death by SIGXFSZ")
        XCTAssertTrue(result.summary.hasPrefix("file size limit reached (1 MiB)"), result.summary)
        let size = try FileManager.default.attributesOfItem(atPath: folder.path + "/big")[.size] as? Int
        XCTAssertEqual(size, 1 << 20)
    }

    func testNetworkConnectionToTheHostLoopbackFailsWithoutNetwork() throws {
        let listener = try LoopbackListener()
        let connect = [systemPython, "-c", """
            import socket
            socket.create_connection(("127.0.0.1", \(listener.port)), timeout=2)
            print("connected")
            """]
        let allowed = try folder.run(connect, network: true)
        XCTAssertEqual(allowed.output.text, "connected\n", "the listener is reachable when network is allowed")
        let isolated = try folder.run(connect, network: false)
        XCTAssertEqual(isolated.termination, .exited(1))
        XCTAssertFalse(isolated.output.text.contains("connected\n"))
        XCTAssertTrue(isolated.output.text.contains("ConnectionRefusedError") || isolated.output.text.contains("unreachable"),
                      isolated.output.text)
    }

    func testChildStartsWithDefaultSignalsStdinFromDevNullAndNoInheritedDescriptors() throws {
        let leaked = open("/dev/null", O_RDONLY)  // no O_CLOEXEC: the child must still not get it
        let previous = signal(SIGUSR1, SIG_IGN)  // an ignored signal survives exec unless reset
        defer {
            close(leaked)
            signal(SIGUSR1, previous)
        }
        let result = try folder.shell("cat; ls /proc/self/fd | wc -l; grep SigIgn /proc/self/status")
        let lines = result.output.lastLines(2)
        XCTAssertEqual(lines.first?.trimmingCharacters(in: .whitespaces), "4", "0, 1, 2 and the folder ls reads")
        let ignored = try XCTUnwrap(UInt64(lines.last?.split(separator: "\t").last ?? "", radix: 16))
        XCTAssertEqual(ignored & 0x7FFF_FFFF, 0, "no standard signal is ignored (libc keeps 32 and 33 for itself)")
    }
}
