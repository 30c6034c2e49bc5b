import Foundation
import XCTest
@testable import PromptMCPKnowledge

/// The cache-first service against a real HTTP server that answers like Context7.
final class DocsServiceTests: XCTestCase {
    let context = "/api/v2/context"

    func testFreshEntryIsServedWithoutTheNetwork() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        let first = try service.context(libraryID: Knowledge.grdb, query: "database pool")
        XCTAssertEqual(first.origin, .network)
        XCTAssertTrue(first.value.contains { $0.body.contains("database pool") })
        clock.advance(3600)
        let second = try service.context(libraryID: Knowledge.grdb, query: "Database   POOL")
        XCTAssertEqual(second.origin, .fresh, "the same question, spelled differently, is a cache hit")
        XCTAssertEqual(second.value, first.value)
        XCTAssertEqual(try stub.requestCount(context), 1)
        XCTAssertEqual(try stub.log().first?["authorization"], "Bearer test-secret-key")
    }

    func testStaleEntryIsServedAtOnceAndRefreshedAfterwards() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        _ = try service.context(libraryID: Knowledge.grdb, query: "migrations")
        clock.advance(service.settings.ttl + 1)
        let stale = try service.context(libraryID: Knowledge.grdb, query: "migrations")
        XCTAssertEqual(stale.origin, .stale)
        XCTAssertEqual(try stub.requestCount(context), 1, "a stale answer is served before any request")
        let refresh = try XCTUnwrap(stale.refresh)
        XCTAssertNoThrow(try service.refresh(refresh).get())
        XCTAssertEqual(try stub.requestCount(context), 2)
        XCTAssertEqual(try service.context(libraryID: Knowledge.grdb, query: "migrations").origin, .fresh)
    }

    func testRateLimitIsRetriedAfterRetryAfter() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        try stub.script(context, ["429:2", "ok"])
        XCTAssertEqual(try service.context(libraryID: Knowledge.grdb, query: "fts5").origin, .network)
        XCTAssertEqual(clock.sleeps, [2], "Retry-After (2 s) is longer than the backoff, so it wins")
        XCTAssertEqual(try service.status().breaker.state, .closed)
    }

    func testLongRetryAfterFallsBackAtOnceAndHoldsEveryProcessOff() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        try stub.script(context, ["429:120"])
        XCTAssertThrowsError(try service.context(libraryID: Knowledge.grdb, query: "fts5")) { error in
            guard case let DocsError.notCached(_, reason, queued) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(reason, .rateLimited(retryAfter: 120))
            XCTAssertTrue(queued)
        }
        XCTAssertEqual(clock.sleeps, [], "a 2-minute Retry-After is not waited for")
        let status = try service.status()
        XCTAssertEqual(status.breaker.state, .open)
        XCTAssertEqual(status.breaker.openUntil, clock.now.addingTimeInterval(120))
        // Another process (a new service on the same cache) does not ask either.
        let other = try Knowledge.service(folder, base: stub.url, clock: clock)
        XCTAssertThrowsError(try other.context(libraryID: Knowledge.grdb, query: "other"))
        XCTAssertEqual(try stub.requestCount(context), 1)
    }

    func testServerErrorsOpenTheBreakerAndAProbeClosesIt() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        try stub.script(context, Array(repeating: "500", count: 9))
        for question in ["a1", "b2", "c3"] {
            XCTAssertThrowsError(try service.context(libraryID: Knowledge.grdb, query: question))
        }
        XCTAssertEqual(try stub.requestCount(context), 9, "three attempts per lookup")
        XCTAssertEqual(clock.sleeps, [0.1875, 0.375, 0.1875, 0.375, 0.1875, 0.375], "exponential backoff with (fixed) jitter")
        XCTAssertEqual(try service.status().breaker.state, .open)
        XCTAssertThrowsError(try service.context(libraryID: Knowledge.grdb, query: "d4")) { error in
            guard case let DocsError.notCached(_, reason?, _) = error, case .circuitOpen = reason else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try stub.requestCount(context), 9, "an open breaker sends nothing")
        clock.advance(61)
        XCTAssertEqual(try service.context(libraryID: Knowledge.grdb, query: "e5").origin, .network, "the half-open probe succeeds")
        XCTAssertEqual(try service.status().breaker.state, .closed)
        XCTAssertEqual(try service.status().pending.map(\.query), ["a1", "b2", "c3", "d4"], "what failed is queued")
    }

    func testAFailedProbeOpensTheBreakerForLonger() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock) { $0.retry.maxAttempts = 1 }
        try stub.script(context, Array(repeating: "503", count: 4))
        for question in ["a", "b", "c"] { _ = try? service.context(libraryID: Knowledge.grdb, query: question + "x") }
        let firstOpen = try XCTUnwrap(service.status().breaker.openUntil)
        XCTAssertEqual(firstOpen, clock.now.addingTimeInterval(60))
        clock.advance(60)
        XCTAssertThrowsError(try service.context(libraryID: Knowledge.grdb, query: "probe"))
        XCTAssertEqual(try service.status().breaker.openUntil, clock.now.addingTimeInterval(120))
        XCTAssertEqual(try stub.requestCount(context), 4)
    }

    func testAHangPastTheTimeoutFallsBackWithoutWaitingAgain() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock, timeout: 1)
        _ = try service.context(libraryID: Knowledge.grdb, query: "records")
        try stub.script(context, ["hang:10"])
        let started = Date()
        XCTAssertThrowsError(try service.context(libraryID: Knowledge.grdb, query: "associations")) { error in
            guard case DocsError.notCached(_, .timedOut?, true) = error else { return XCTFail("\(error)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "one timeout, no retry")
        XCTAssertEqual(try service.context(libraryID: Knowledge.grdb, query: "records").origin, .fresh, "the cache keeps serving")
    }

    func testMalformedJSONIsNeverCachedAndTheOldEntrySurvives() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        let original = try service.context(libraryID: Knowledge.grdb, query: "queue").value
        clock.advance(service.settings.ttl + 1)
        try stub.script(context, ["malformed"])
        let stale = try service.context(libraryID: Knowledge.grdb, query: "queue")
        guard case .failure(.malformed) = service.refresh(try XCTUnwrap(stale.refresh)) else { return XCTFail("malformed JSON accepted") }
        XCTAssertEqual(try service.context(libraryID: Knowledge.grdb, query: "queue").value, original)
        XCTAssertEqual(try service.store.integrityProblems(), [])
    }

    func testADroppedConnectionIsRetried() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        try stub.script("/api/v2/libs/search", ["drop"])
        let lookup = try service.searchLibraries(name: "grdb")
        XCTAssertEqual(lookup.origin, .network)
        XCTAssertEqual(lookup.value.first?.id, "/grdb/grdb")
        XCTAssertEqual(try stub.requestCount("/api/v2/libs/search"), 2)
    }
}
