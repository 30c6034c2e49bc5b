import Foundation
import GRDB

/// One SQLite database in WAL mode, migrated, shared safely by several processes.
///
/// Readers never block the writer (WAL); writers wait for each other up to `busyTimeout`
/// instead of failing, so two hooks or an editor and a hook can use the store at once. A process
/// killed mid-write leaves an unfinished transaction that SQLite rolls back on the next open.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool
    /// Set when this open found the file damaged, moved it aside and rebuilt it from the rows
    /// that could still be read.
    public let recovery: StoreRecovery?
    public var quarantinedCopy: String? { recovery?.quarantinedCopy }

    /// Long enough for another process's bulk import batch, short enough that a stuck peer is
    /// reported rather than hanging a hook forever.
    public static let busyTimeout: TimeInterval = 15

    public static func open(at path: String, migrator: DatabaseMigrator) throws -> Store {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        do {
            let store = try Store(path: path, migrator: migrator, recovery: nil)
            guard let problem = try store.quickCheckIfDue() else { return store }
            try store.pool.close()
            return try rebuild(path, migrator: migrator, problem: problem)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode.primaryResultCode) {
            return try rebuild(path, migrator: migrator, problem: error.message ?? "\(error)")
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// A damaged file is kept for inspection (`NAME.corrupt-TIME`, with its WAL) and replaced by
    /// a fresh store holding every row that could still be read from it: the audit log, todos
    /// and local lessons are not the kind of data that can be fetched again.
    private static func rebuild(_ path: String, migrator: DatabaseMigrator, problem: String) throws -> Store {
        let aside = path + ".corrupt-\(Int(Date().timeIntervalSince1970))"
        do {
            try FileManager.default.moveItem(atPath: path, toPath: aside)
            try? FileManager.default.moveItem(atPath: path + "-wal", toPath: aside + "-wal")
            try? FileManager.default.removeItem(atPath: path + "-shm")
            let fresh = try Store(path: path, migrator: migrator, recovery: nil)
            let salvaged = try fresh.pool.writeWithoutTransaction { db in try StoreSalvage.copy(from: aside, into: db) }
            try fresh.pool.close()
            let recovery = StoreRecovery(quarantinedCopy: aside, problem: problem, recoveredRows: salvaged.rows,
                                         unreadableRows: salvaged.unreadable,
                                         at: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
            recovery.save(beside: path)
            let store = try Store(path: path, migrator: migrator, recovery: recovery)
            store.markChecked()
            return store
        } catch {
            throw StoreError.corrupt(path: path, details: "\(problem); rebuilding it failed: \(error)")
        }
    }

    private init(path: String, migrator: DatabaseMigrator, recovery: StoreRecovery?) throws {
        self.path = path
        self.recovery = recovery
        var configuration = Configuration()
        configuration.busyMode = .timeout(Store.busyTimeout)
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL survives a killed process; only a power cut can lose the last
            // commits of a cache that can be refetched anyway.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // Opened under a file lock: on a new file, switching to WAL needs an exclusive lock that
        // SQLite's busy timeout does not wait for, and a pool opened while another process
        // migrates can keep a stale schema ("no such table"). Later opens find it done at once.
        let pool = try FileLock(path: path + ".lock").withLock {
            let pool = try DatabasePool(path: path, configuration: configuration)
            if try !pool.read({ try migrator.hasCompletedMigrations($0) }) { try migrator.migrate(pool) }
            return pool
        }
        self.pool = pool
        // A sanity read: a file that is not a database fails here, not in the middle of a command.
        _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
    }

    /// Files up to this size are checked at every open (a few milliseconds); larger ones once
    /// a day, stamped by `NAME.checked`. No store is opened by `promptmcp check`.
    public static let checkEveryOpenBytes = 64 << 20
    public static let checkInterval: TimeInterval = 86_400

    /// `PRAGMA quick_check` when it is due: nil when the file is sound, else SQLite's words.
    func quickCheckIfDue() throws -> String? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let stamp = (try? FileManager.default.attributesOfItem(atPath: path + ".checked")[.modificationDate] as? Date) ?? .distantPast
        guard size <= Self.checkEveryOpenBytes || Date().timeIntervalSince(stamp) > Self.checkInterval else { return nil }
        let rows = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(20)") }
        guard rows == ["ok"] else { return rows.joined(separator: "; ") }
        if size > Self.checkEveryOpenBytes { markChecked() }
        return nil
    }

    private func markChecked() {
        _ = FileManager.default.createFile(atPath: path + ".checked", contents: nil)
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// `PRAGMA integrity_check`: an empty list means the file is sound.
    public func integrityProblems() throws -> [String] {
        let rows = try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return rows == ["ok"] ? [] : rows
    }

    /// Folds the write-ahead log back into the database file (after bulk writes, to keep the
    /// WAL from growing while nobody checkpoints).
    public func checkpoint() {
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }
}
