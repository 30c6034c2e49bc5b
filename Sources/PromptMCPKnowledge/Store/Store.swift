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
    /// Set when the file was unreadable and was moved aside (to this path) and rebuilt.
    public let quarantinedCopy: String?

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
            return try Store(path: path, migrator: migrator, quarantined: nil)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode.primaryResultCode) {
            // Both stores hold data that can be fetched or indexed again, so a damaged file is
            // kept for inspection and replaced rather than blocking every command.
            let aside = path + ".corrupt-\(Int(Date().timeIntervalSince1970))"
            try? FileManager.default.moveItem(atPath: path, toPath: aside)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            do {
                return try Store(path: path, migrator: migrator, quarantined: aside)
            } catch {
                throw StoreError.cannotOpen(path: path, reason: "\(error)")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    private init(path: String, migrator: DatabaseMigrator, quarantined: String?) throws {
        self.path = path
        quarantinedCopy = quarantined
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
