import Foundation
import XCTest
@testable import PromptMCPKit

extension SandboxTests {
    /// A real fork bomb, bounded by RLIMIT_NPROC. That limit is ignored for root, so the test
    /// first proves the child runs under another uid, and refuses to start the bomb otherwise.
    func testForkBombIsBoundedByTheProcessLimitAndTheMachineStaysResponsive() throws {
        let folder = try SandboxFolder()
        let uid = try XCTUnwrap(UInt32(try folder.run(["id", "-u"]).output.text.trimmingCharacters(in: .whitespacesAndNewlines)))
        guard uid != 0 else { return XCTFail("the child runs as root, where RLIMIT_NPROC does not bind: not starting a fork bomb") }
        let before = processCount(uid: uid)
        let limit = 40

        let monitor = BombMonitor(uid: uid)
        let thread = Thread { monitor.watch() }
        thread.start()
        let result = try folder.shell("bomb() { bomb | bomb & }; bomb; sleep 30",
                                      limits: SandboxLimits(processes: limit), timeout: 1.5)
        monitor.stop()

        XCTAssertEqual(result.stop, .timeout)
        XCTAssertTrue(result.summary.hasPrefix("killed at the 1.5 s timeout; process limit reached (40)"), result.summary)
        XCTAssertLessThanOrEqual(monitor.peak, limit, "never more processes of uid \(uid) than the limit")
        XCTAssertLessThan(monitor.slowestProbe, 1.0, "the machine answered while the bomb ran")
        XCTAssertTrue(eventually(within: 3) { processCount(uid: uid) <= before }, "every bomb process is gone")
    }
}

/// Samples, on its own thread, how many processes the bomb's uid has and how long starting
/// `/bin/true` takes meanwhile.
private final class BombMonitor: @unchecked Sendable {
    private let uid: UInt32
    private let lock = NSLock()
    private var running = true
    private var peakCount = 0
    private var slowest = 0.0

    init(uid: UInt32) { self.uid = uid }

    var peak: Int { lock.withLock { peakCount } }
    var slowestProbe: Double { lock.withLock { slowest } }

    func stop() { lock.withLock { running = false } }

    func watch() {
        while lock.withLock({ running }) {
            let count = processCount(uid: uid)
            let start = Date()
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/bin/true")
            try? probe.run()
            probe.waitUntilExit()
            let elapsed = Date().timeIntervalSince(start)
            lock.withLock {
                peakCount = max(peakCount, count)
                slowest = max(slowest, elapsed)
            }
            usleep(20_000)
        }
    }
}
