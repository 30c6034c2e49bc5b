import Foundation
import XCTest
@testable import PromptMCPKit
@testable import PromptMCPKnowledge

/// The `mcp:` policy section and the audit log that enforces its rate limits.
final class MCPPolicyAndAuditTests: XCTestCase {
    func testRateLimitsAreReadWithTheirPlace() throws {
        let policy = try PolicyLoader.load("version: 1\nmcp:\n  rate_limits: { promptmcp_check: 60/min, promptmcp_todo: 5/s }\n", file: "p.yml")
        XCTAssertEqual(policy.mcp.rateLimits["promptmcp_check"], Located(MCPPolicy.Rate(count: 60, perSeconds: 60), at: SourceLocation(file: "p.yml", line: 3, column: 35)))
        XCTAssertEqual(policy.mcp.rateLimits["promptmcp_todo"]?.value, MCPPolicy.Rate(count: 5, perSeconds: 1))
        XCTAssertNil(policy.mcp.rateLimits["promptmcp_enhance"])
    }

    func testAMisspeltToolOrRateIsAnErrorWithASuggestion() {
        XCTAssertThrowsError(try PolicyLoader.load("version: 1\nmcp:\n  rate_limits:\n    promptmcp.chek: 60/min\n    promptmcp_todo: often\n", file: "p.yml")) { error in
            XCTAssertEqual((error as? PolicyError)?.diagnostics.map(\.description), [
                "p.yml:4:5: error: unknown key 'promptmcp.chek' in 'mcp.rate_limits'; did you mean 'promptmcp_check'?",
                "p.yml:5:21: error: 'mcp.rate_limits.promptmcp_todo' must be a rate such as 60/min, at most 1000000 per period, not 'often'",
            ])
        }
    }

    private final class ManualClock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_000_000)
        var wallClock: WallClock { WallClock(now: { self.now }, sleep: { self.now += $0 }) }
    }

    private func log(_ clock: ManualClock) throws -> AuditLog {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return AuditLog(store: try Store.open(at: folder.path + "/state.sqlite", migrator: StateSchema.migrator), clock: clock.wallClock)
    }

    func testTheRateLimitCountsCallsInTheWindowAndSaysWhenASlotFreesUp() throws {
        let clock = ManualClock()
        let log = try log(clock)
        let limit = (count: 2, perSeconds: 60)
        XCTAssertEqual(try log.begin(tool: "t", digest: "d", correlationID: "1", limit: limit), .admitted(id: 1))
        clock.now += 10
        XCTAssertEqual(try log.begin(tool: "t", digest: "d", correlationID: "2", limit: limit), .admitted(id: 2))
        XCTAssertEqual(try log.begin(tool: "other", digest: "d", correlationID: "3", limit: limit), .admitted(id: 3), "limits are per tool")
        clock.now += 5
        XCTAssertEqual(try log.begin(tool: "t", digest: "d", correlationID: "4", limit: limit), .limited(id: 4, retryAfter: 45))
        clock.now += 46
        XCTAssertEqual(try log.begin(tool: "t", digest: "d", correlationID: "5", limit: limit), .admitted(id: 5),
                       "the first call left the window, and the refused one never counted")
        try log.finish(5, outcome: .ok, durationMilliseconds: 1.5, detail: "fine")
        let latest = try log.recent(limit: 2)
        XCTAssertEqual(latest.map(\.outcome), [.ok, .rateLimited])
        XCTAssertEqual(latest.first?.detail, "fine")
        XCTAssertEqual(latest.first?.durationMilliseconds, 1.5)
    }

    func testTheDigestIsStableAndRevealsNothing() {
        XCTAssertEqual(AuditLog.digest(of: Array("{\"a\":1}".utf8)), AuditLog.digest(of: Array("{\"a\":1}".utf8)))
        XCTAssertNotEqual(AuditLog.digest(of: Array("{\"a\":1}".utf8)), AuditLog.digest(of: Array("{\"a\":2}".utf8)))
        XCTAssertEqual(AuditLog.digest(of: []).count, 40)
    }
}

extension MCPPolicyAndAuditTests {
    func testTheOldDottedToolNamesStillLimitTheirToolWithADeprecationNote() throws {
        let text = "version: 1\nmcp:\n  rate_limits: { promptmcp.check: 60/min, promptmcp_todo: 5/s }\n"
        let resolved = try PolicySource.resolved(Array(text.utf8), label: "p.yml", notes: [], file: "p.yml")
        XCTAssertEqual(resolved.policy.mcp.rateLimits["promptmcp_check"]?.value, MCPPolicy.Rate(count: 60, perSeconds: 60))
        XCTAssertNil(resolved.policy.mcp.rateLimits["promptmcp.check"])
        XCTAssertEqual(resolved.notes, [
            "p.yml:3:18: mcp.rate_limits key 'promptmcp.check' is deprecated; write 'promptmcp_check' (the MCP tools lost the dot in their names)",
        ])
    }

    func testEveryToolNameIsOneEveryClientAccepts() throws {
        let pattern = try NSRegularExpression(pattern: "^[a-zA-Z0-9_-]{1,64}$")
        for name in MCPPolicy.toolNames {
            XCTAssertNotNil(pattern.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)), name)
        }
    }
}
