import Foundation
import GRDB
import XCTest
@testable import PromptMCPKnowledge

/// Real SQLite files damaged as disks and crashes damage them: the header overwritten, a page
/// in the middle overwritten, the file cut short. The next open must quarantine the file, keep
/// every row that can still be read, say what happened, and leave a store that works.
final class StoreCorruptionTests: XCTestCase {
    enum Damage { case header, page, truncation }

    static let rows = 400

    /// A state store with todos, audit records and local lessons, all in the main file.
    func makeState(in folder: TemporaryFolder) throws -> String {
        let store = try Store.openState(commonGitDirectory: folder.path)
        let todos = TodoList(store: store)
        let audit = AuditLog(store: store)
        let padding = String(repeating: "notes that fill pages ", count: 20)
        for index in 0..<Self.rows {
            _ = try todos.create(title: "task \(index)", notes: padding)
            try audit.record(tool: "promptmcp_check", digest: "d\(index)", correlationID: "c\(index)", outcome: .ok, detail: padding)
        }
        try store.write { db in
            for index in 0..<50 {
                try db.execute(sql: "INSERT INTO lesson (id, title, fix, origin, created_at) VALUES (?, ?, '', 'local', 0)",
                               arguments: ["L\(index)", "lesson \(index)"])
            }
        }
        _ = try store.pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        return store.path
    }

    func damage(_ path: String, _ kind: Damage) throws {
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        switch kind {
        case .header:
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 100))
        case .page:
            // A whole page in the middle of the file (4096-byte pages).
            try handle.seek(toOffset: (size / 2 / 4096) * 4096)
            try handle.write(contentsOf: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }))
        case .truncation:
            try handle.truncate(atOffset: (size * 6 / 10 / 4096) * 4096)
        }
    }

    func reopenDamaged(_ kind: Damage) throws -> (store: Store, recovery: StoreRecovery, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let path = try makeState(in: folder)
        try damage(path, kind)
        let store = try Store.openState(commonGitDirectory: folder.path)
        let recovery = try XCTUnwrap(store.recovery, "the damage was not noticed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: recovery.quarantinedCopy), "the damaged file is kept")
        XCTAssertEqual(StoreRecovery.last(of: path), recovery, "the recovery is recorded beside the store")
        XCTAssertEqual(try store.integrityProblems(), [], "the rebuilt store is sound")
        XCTAssertEqual(try TodoList(store: store).count(), recovery.recoveredRows["todo"] ?? 0)
        XCTAssertEqual(try AuditLog(store: store).count(), recovery.recoveredRows["audit"] ?? 0)
        // The store works: new rows go in after the recovered ones.
        let added = try TodoList(store: store).create(title: "after the repair")
        XCTAssertGreaterThan(added.id, Int64(recovery.recoveredRows["todo"] ?? 0))
        return (store, recovery, folder)
    }

    func testADamagedHeaderLosesNoRow() throws {
        let (store, recovery, _) = try reopenDamaged(.header)
        XCTAssertEqual(recovery.recoveredRows["todo"], Self.rows)
        XCTAssertEqual(recovery.recoveredRows["audit"], Self.rows)
        XCTAssertEqual(recovery.recoveredRows["lesson"], 50)
        XCTAssertEqual(try TodoList(store: store).todo(7).title, "task 6", "ids are kept")
    }

    func testADamagedPageLosesOnlyItsRows() throws {
        let (_, recovery, _) = try reopenDamaged(.page)
        let kept = (recovery.recoveredRows["todo"] ?? 0) + (recovery.recoveredRows["audit"] ?? 0)
        XCTAssertGreaterThan(kept, 2 * Self.rows - 40, "one 4 KiB page holds a few rows: \(recovery)")
        XCTAssertLessThan(kept + recovery.unreadableRows, 2 * Self.rows + 1)
        XCTAssertEqual(recovery.recoveredRows["lesson"], 50)
    }

    func testATruncatedFileKeepsWhatItStillHolds() throws {
        let (_, recovery, _) = try reopenDamaged(.truncation)
        XCTAssertGreaterThan(recovery.totalRecovered, Self.rows / 2, "\(recovery)")
    }

    /// The documentation cache through the CLI: `search`, `docs get` and `docs status --check`
    /// keep working after a page of it is overwritten, and say that it was rebuilt.
    func testCommandsKeepWorkingOnADamagedCacheAndSaySo() throws {
        let folder = try TemporaryFolder()
        let env = ["PROMPTMCP_CACHE_DIR": folder.path + "/cache", "PROMPTMCP_OFFLINE": "1"]
        for index in 0..<300 {
            try folder.write("docs/f\(index).md", "# Rotation \(index)\n\nHow to rotate key \(index) safely.\n")
        }
        let promptmcp = Command.promptmcpBinary.path
        XCTAssertEqual(try Command.run(promptmcp, ["docs", "import", folder.path + "/docs", "--library", "/t/keys"], in: folder.path, environment: env).status, 0)
        try damage(folder.path + "/cache/docs.sqlite", .page)

        let search = try Command.run(promptmcp, ["search", "rotate", "key"], in: folder.path, environment: env)
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertTrue(search.stderr.contains("note: the knowledge store \(folder.path)/cache/docs.sqlite was damaged ("), search.stderr)
        XCTAssertTrue(search.stdout.contains("Rotation"), search.stdout)
        let get = try Command.run(promptmcp, ["docs", "get", "/t/keys", "--query", "rotate"], in: folder.path, environment: env)
        XCTAssertEqual(get.status, 0, get.stderr)
        let status = try Command.run(promptmcp, ["docs", "status", "--check"], in: folder.path, environment: env)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("integrity: ok"), status.stdout)
        XCTAssertTrue(status.stdout.contains("recovered: "), "status still says it was rebuilt: \(status.stdout)")
    }
}
