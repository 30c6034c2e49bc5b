import Foundation
import XCTest
@testable import PromptMCPKnowledge

/// Offline use, the queue, expiry and the citation API.
final class DocsCacheTests: XCTestCase {
    func testOfflineModeNeverTouchesTheNetworkAndQueuesTheQuestion() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let offline = try Knowledge.service(folder, base: stub.url, clock: clock, offline: true)
        XCTAssertThrowsError(try offline.context(libraryID: Knowledge.grdb, query: "savepoints")) { error in
            guard case DocsError.notCached(_, .offline?, true) = error else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try offline.searchLibraries(name: "yams"))
        XCTAssertEqual(try stub.log().count, 0)
        XCTAssertEqual(clock.sleeps, [])
    }

    func testTheQueueSurvivesARestartAndSyncFetchesIt() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        do {
            let offline = try Knowledge.service(folder, base: stub.url, clock: clock, offline: true)
            _ = try? offline.context(libraryID: Knowledge.grdb, query: "savepoints")
            _ = try? offline.searchLibraries(name: "yams")
        }
        let online = try Knowledge.service(folder, base: stub.url, clock: clock)
        XCTAssertEqual(try online.status().pending.count, 2)
        let report = try online.sync()
        XCTAssertEqual(report.fetched.map(\.subject), ["/groue/grdb.swift", "yams"])
        XCTAssertEqual(report.remaining, 0)
        XCTAssertEqual(try online.context(libraryID: Knowledge.grdb, query: "savepoints").origin, .fresh)
    }

    func testAnUnreachableServiceFallsBackToTheLocalIndexAtOnce() throws {
        let (folder, clock) = (try TemporaryFolder(), TestClock())
        try folder.write("docs/pool.md", "# Pools\n\nA database pool serves concurrent reads.\n")
        let seeding = try Knowledge.service(folder, base: nil, clock: clock)
        _ = try MarkdownImporter(service: seeding).importFolder(folder.path + "/docs", as: LibraryID("/groue/grdb.swift@7.0")!)
        // Port 9 (discard) on localhost: nothing listens, so the connection is refused at once.
        let service = try Knowledge.service(folder, base: URL(string: "http://127.0.0.1:9")!, clock: clock)
        let other = try XCTUnwrap(LibraryID("/other/lib"))
        XCTAssertThrowsError(try service.context(libraryID: other, query: "pool")) { error in
            guard case DocsError.notCached(_, .unreachable?, true) = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(clock.sleeps, [], "an unreachable network is not retried")
        let imported = try service.context(libraryID: LibraryID("/groue/grdb.swift@7.0")!, query: "concurrent pool")
        XCTAssertEqual(imported.origin, .localIndex)
        XCTAssertEqual(imported.value.first?.title, "Pools")
    }

    func testPruneExpiresByAgeAndEvictsTheLeastRecentlyUsedByBytes() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        for question in ["one", "two", "three"] {
            _ = try service.context(libraryID: Knowledge.grdb, query: question)
            clock.advance(120)
        }
        _ = try service.context(libraryID: Knowledge.grdb, query: "one")  // now the most recently used
        let bytes = try service.status().statistics.bytes
        let report = try service.prune(maxAge: 3600, maxBytes: bytes * 3 / 4)
        XCTAssertEqual(report.evicted, 1)
        XCTAssertEqual(try service.status().statistics.entries, 2)
        XCTAssertEqual(try service.context(libraryID: Knowledge.grdb, query: "one").origin, .fresh, "recently used stays")
        XCTAssertEqual(try stub.requestCount("/api/v2/context"), 3, "…and was not refetched")
        clock.advance(7200)
        XCTAssertEqual(try service.prune(maxAge: 3600, maxBytes: .max).expired, 2)
    }

    func testImportedDocsAreNeverPrunedAndReimportDropsRemovedFiles() throws {
        let (folder, clock) = (try TemporaryFolder(), TestClock())
        try folder.write("in/a.md", "# A\n\nalpha\n")
        try folder.write("in/sub/b.markdown", "# B\n\nbeta\n")
        try folder.write("in/notes.txt", "not markdown")
        let service = try Knowledge.service(folder, base: nil, clock: clock)
        let importer = MarkdownImporter(service: service)
        let library = LibraryID("/acme/handbook")!
        XCTAssertEqual(try importer.importFolder(folder.path + "/in", as: library).files, 2)
        clock.advance(365 * 86400)
        XCTAssertEqual(try service.prune(maxAge: 1, maxBytes: 0), PruneReport())
        try FileManager.default.removeItem(atPath: folder.path + "/in/sub/b.markdown")
        let again = try importer.importFolder(folder.path + "/in", as: library)
        XCTAssertEqual(again.files, 1)
        XCTAssertEqual(again.removed, 1)
        XCTAssertEqual(try service.context(libraryID: library, query: "beta").value, [])
    }

    func testCitationsAreVerifiedAgainstTheCache() throws {
        let (stub, folder, clock) = (try Context7Stub(), try TemporaryFolder(), TestClock())
        XCTAssertNil(try KnowledgeCache.openIfPresent(environment: ["PROMPTMCP_CACHE_DIR": folder.path + "/none"]))
        let service = try Knowledge.service(folder, base: stub.url, clock: clock)
        _ = try service.context(libraryID: Knowledge.grdb, query: "pool")
        _ = try service.searchLibraries(name: "yams")
        try folder.write("inhouse/auth.md", "# Auth\n\ntokens\n")
        _ = try MarkdownImporter(service: service).importFolder(folder.path + "/inhouse", as: LibraryID("/acme/auth@2.1")!)

        let cache = try XCTUnwrap(KnowledgeCache.openIfPresent(environment: ["PROMPTMCP_CACHE_DIR": folder.path]))
        XCTAssertTrue(try cache.contains(url: "https://example.com/groue/grdb.swift/docs/guide.md#pool"))
        XCTAssertTrue(try cache.contains(url: "https://example.com/groue/grdb.swift/docs/basics#intro"), "fragment ignored")
        XCTAssertTrue(try cache.contains(url: "https://example.com/groue/grdb.swift/docs/basics/"), "trailing slash ignored")
        XCTAssertFalse(try cache.contains(url: "https://example.com/groue/grdb.swift/docs/other"))
        XCTAssertTrue(try cache.contains(url: "https://context7.com/groue/grdb.swift"))
        XCTAssertTrue(try cache.contains(libraryID: "/groue/grdb.swift"))
        XCTAssertTrue(try cache.contains(libraryID: "/yams/yams", version: "2.0.0"), "listed in a cached search result")
        XCTAssertFalse(try cache.contains(libraryID: "/yams/yams", version: "3.0.0"))
        XCTAssertTrue(try cache.contains(libraryID: "/acme/auth@v2.1"))
        XCTAssertFalse(try cache.contains(libraryID: "/acme/auth", version: "2.2"))
        XCTAssertFalse(try cache.contains(libraryID: "not an id"))
    }

    func testLibraryIDsParseEveryAcceptedForm() {
        XCTAssertEqual(LibraryID("/a/b")?.description, "/a/b")
        XCTAssertEqual(LibraryID("/a/b/v1.2")?.version, "v1.2")
        XCTAssertEqual(LibraryID("/a/b@1.2")?.description, "/a/b/1.2")
        for bad in ["a/b", "/a", "/a/b/c/d", "/a//b", "/a/b@", "/a b/c"] { XCTAssertNil(LibraryID(bad), bad) }
    }

    func testRetryAfterAcceptsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        XCTAssertEqual(RetryPolicy.parseRetryAfter("7", now: now), 7)
        XCTAssertEqual(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:40 GMT", now: now), 20)
        XCTAssertNil(RetryPolicy.parseRetryAfter("soon", now: now))
    }
}
