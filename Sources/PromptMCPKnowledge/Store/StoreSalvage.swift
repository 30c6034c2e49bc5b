import Foundation
import GRDB

/// What became of a damaged store: where the damaged file went and how many rows of each
/// table were carried over into its rebuilt replacement. Kept beside the store
/// (`NAME.recovered.json`) so that `health` and `docs status` report it after the fact.
public struct StoreRecovery: Codable, Sendable, Equatable {
    public var quarantinedCopy: String
    /// Why the file was judged damaged: SQLite's words.
    public var problem: String
    /// Rows carried over, by table; a table missing here could not be read at all.
    public var recoveredRows: [String: Int]
    /// Rows that were found but could not be written back (a value damaged into NULL, say).
    public var unreadableRows: Int
    public var at: Date

    public var totalRecovered: Int { recoveredRows.values.reduce(0, +) }

    /// One line for people: "damaged (database disk image is malformed); moved to X and
    /// rebuilt with 412 rows (3 unreadable)".
    public var summary: String {
        "damaged (\(problem)); moved to \(quarantinedCopy) and rebuilt with \(totalRecovered) rows"
            + (unreadableRows > 0 ? " (\(unreadableRows) unreadable)" : "")
    }

    static func markerPath(for store: String) -> String { store + ".recovered.json" }

    /// The last recovery of the store at `path`, if one happened.
    public static func last(of path: String) -> StoreRecovery? {
        guard let data = FileManager.default.contents(atPath: markerPath(for: path)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(StoreRecovery.self, from: data)
    }

    func save(beside path: String) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try? encoder.encode(self).write(to: URL(fileURLWithPath: Self.markerPath(for: path)), options: .atomic)
    }
}

/// Copies every row that can still be read from a damaged SQLite file into a fresh store of the
/// same schema: table by table, in rowid windows, stepping over the windows that fail (a
/// damaged page loses the rows on it, not the rows after it). A damaged header (the first 100
/// bytes) is replaced by a sound one first, which is often all that stands between SQLite and
/// the rest of the file.
enum StoreSalvage {
    /// Rows read per query; a failing window is narrowed down to single rows.
    static let window: Int64 = 256

    /// Failed windows after which a table is given up (a file of noise would otherwise be
    /// probed rowid by rowid).
    static let maxFailures = 10_000

    /// Copies into `target`, which must not be in a transaction: foreign keys are off while
    /// tables are copied in any order, and rows whose parent was lost (a chunk of an entry on a
    /// damaged page) are dropped afterwards, counted as unreadable.
    static func copy(from damaged: String, into target: Database) throws -> (rows: [String: Int], unreadable: Int) {
        try target.execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? target.execute(sql: "PRAGMA foreign_keys = ON") }
        var result: (rows: [String: Int], unreadable: Int) = ([:], 0)
        try target.inTransaction {
            result = copyRows(from: damaged, into: target)
            for orphan in try Row.fetchAll(target, sql: "PRAGMA foreign_key_check") {
                let table: String = orphan["table"]
                let rowid: Int64 = orphan["rowid"]
                try target.execute(sql: "DELETE FROM \"\(table)\" WHERE rowid = ?", arguments: [rowid])
                result.rows[table, default: 1] -= 1
                result.unreadable += 1
            }
            return .commit
        }
        return result
    }

    private static func copyRows(from damaged: String, into target: Database) -> (rows: [String: Int], unreadable: Int) {
        let work = damaged + ".salvage"
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: work + suffix) }
        }
        guard let source = openReadable(damaged, workingCopy: work) else { return ([:], 0) }
        var rows: [String: Int] = [:]
        var unreadable = 0
        for table in (try? tables(in: target)) ?? [] {
            guard let columns = try? columnNames(table, in: target) else { continue }
            let copied = copyTable(table, columns: columns, from: source, into: target)
            if let copied {
                rows[table] = copied.rows
                unreadable += copied.unreadable
            }
        }
        return (rows, unreadable)
    }

    /// A working copy of the damaged file (and its WAL, whose commits SQLite replays), opened
    /// as it is, else with a sound header (and without the WAL, which that header disowns).
    private static func openReadable(_ path: String, workingCopy work: String) -> DatabaseQueue? {
        func fresh(withWAL: Bool) -> Bool {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: work + suffix) }
            if withWAL { try? FileManager.default.copyItem(atPath: path + "-wal", toPath: work + "-wal") }
            return (try? FileManager.default.copyItem(atPath: path, toPath: work)) != nil
        }
        func readable() -> DatabaseQueue? {
            guard let queue = try? DatabaseQueue(path: work),
                  (try? queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }) != nil else { return nil }
            return queue
        }
        if fresh(withWAL: true), let queue = readable() { return queue }
        guard fresh(withWAL: false), writeSoundHeader(work) else { return nil }
        return readable()
    }

    /// A header as SQLite writes it for 4096-byte pages (the default these stores use), in
    /// rollback mode so that no WAL is needed: magic, page size, format versions, reserved
    /// space, payload fractions, UTF-8, schema format 4. Counts are zero: SQLite then takes
    /// the page count from the file size, and a lost freelist only leaks pages.
    private static func writeSoundHeader(_ path: String) -> Bool {
        var header = [UInt8](repeating: 0, count: 100)
        header.replaceSubrange(0..<16, with: Array("SQLite format 3\0".utf8))
        header[16] = 0x10; header[17] = 0x00       // page size 4096
        header[18] = 1; header[19] = 1              // rollback journal
        header[21] = 64; header[22] = 32; header[23] = 32
        header[47] = 4                              // schema format
        header[59] = 1                              // UTF-8
        guard let handle = FileHandle(forUpdatingAtPath: path) else { return false }
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: Data(header))
            return true
        } catch {
            return false
        }
    }

    /// Ordinary tables of the fresh schema; FTS indexes are rebuilt from their content tables.
    private static func tables(in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
            AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' AND name != 'grdb_migrations' ORDER BY name
            """)
    }

    private static func columnNames(_ table: String, in db: Database) throws -> [String] {
        try db.columns(in: table).map(\.name)
    }

    /// nil when the table cannot be read at all (not in the damaged file, or its root is lost).
    private static func copyTable(_ table: String, columns: [String], from source: DatabaseQueue,
                                  into target: Database) -> (rows: Int, unreadable: Int)? {
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let insert = "INSERT OR IGNORE INTO \"\(table)\" (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        guard let highest = try? source.read({ try Int64.fetchOne($0, sql: "SELECT max(rowid) FROM \"\(table)\"") }) else {
            return scanWhole(table, list: list, insert: insert, from: source, into: target)
        }
        var copied = 0, unreadable = 0, failures = 0, next = Int64.min
        var step = window, skip: Int64 = 1
        while next <= highest, failures < maxFailures {
            let rows = try? source.read { db in
                try Row.fetchAll(db, sql: "SELECT rowid, \(list) FROM \"\(table)\" WHERE rowid >= ? ORDER BY rowid LIMIT ?",
                                 arguments: [next, step])
            }
            guard let rows else {
                // A damaged page in this window: narrow it down, then step over it, further
                // each time (sparse rowids must not be probed one by one).
                failures += 1
                if step > 1 { step = max(1, step / 8); continue }
                next = next == Int64.min ? 0 : next.addingReportingOverflow(skip).partialValue
                skip = min(skip * 2, 4096)
                continue
            }
            guard let lastRow = rows.last else { break }
            for row in rows {
                let values = columns.indices.map { row[$0 + 1] as DatabaseValue }
                if (try? target.execute(sql: insert, arguments: StatementArguments(values))) != nil { copied += 1 } else { unreadable += 1 }
            }
            let (after, overflow) = (lastRow[0] as Int64).addingReportingOverflow(1)
            if overflow { break }
            next = after
            (step, skip) = (window, 1)
        }
        return (copied, unreadable)
    }

    /// A table whose rowids cannot even be bounded: what one full scan yields before it fails.
    private static func scanWhole(_ table: String, list: String, insert: String, from source: DatabaseQueue,
                                  into target: Database) -> (rows: Int, unreadable: Int)? {
        var copied = 0, unreadable = 0, reached = false
        try? source.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(table)\"")
            reached = true
            while let row = try? cursor.next() {
                let values = (0..<row.count).map { row[$0] as DatabaseValue }
                if (try? target.execute(sql: insert, arguments: StatementArguments(values))) != nil { copied += 1 } else { unreadable += 1 }
            }
        }
        return reached ? (copied, unreadable) : nil
    }
}
