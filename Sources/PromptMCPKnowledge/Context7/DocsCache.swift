import Foundation
import GRDB

/// One cached answer (or imported file).
public struct CachedEntry: Sendable, Equatable {
    public enum Kind: String, Sendable { case search, context, imported = "import" }

    public var key: String
    public var kind: Kind
    public var libraryID: String?
    public var version: String?
    public var query: String
    public var body: Data
    public var fetchedAt: Date
    public var accessedAt: Date
    /// Imported entries: never expired by TTL or evicted by size.
    public var pinned: Bool
}

/// The documentation cache's reads and writes. Every write is one transaction, so a process
/// killed half-way leaves either the old entry or the new one, never a mix.
struct DocsCache: Sendable {
    let store: Store
    let clock: WallClock
    /// Reading an entry records the access time for LRU eviction, but at most this often:
    /// a write per read would make cached lookups pay for a lock.
    static let accessGranularity: TimeInterval = 60

    static func key(_ kind: CachedEntry.Kind, _ subject: String, _ query: String) -> String {
        let normal = query.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return kind.rawValue + "|" + subject + "|" + normal
    }

    func entry(_ key: String) throws -> CachedEntry? {
        let now = clock.now()
        let found = try store.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE key = ?", arguments: [key]).map(Self.entry)
        }
        if let found, now.timeIntervalSince(found.accessedAt) > Self.accessGranularity {
            // Best effort: a busy store must not fail a lookup that already has its answer.
            _ = try? store.write { db in
                try db.execute(sql: "UPDATE entry SET accessed_at = ? WHERE key = ?", arguments: [now.timeIntervalSince1970, key])
            }
        }
        return found
    }

    /// Replaces the entry and its chunks.
    func put(_ entry: CachedEntry, snippets: [DocSnippet]) throws {
        try store.write { db in try Self.put(entry, snippets: snippets, in: db) }
    }

    static func put(_ entry: CachedEntry, snippets: [DocSnippet], in db: Database) throws {
        try db.execute(sql: "DELETE FROM entry WHERE key = ?", arguments: [entry.key])
        try db.execute(sql: """
            INSERT INTO entry (key, kind, library_id, version, query, body, bytes, fetched_at, accessed_at, pinned)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.key, entry.kind.rawValue, entry.libraryID, entry.version, entry.query, entry.body,
                             entry.body.count + snippets.reduce(0) { $0 + $1.body.utf8.count },
                             entry.fetchedAt.timeIntervalSince1970, entry.accessedAt.timeIntervalSince1970, entry.pinned])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO chunk (entry_key, library_id, version, title, url, body) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for snippet in snippets {
            try insert.execute(arguments: [entry.key, entry.libraryID, entry.version, snippet.title, snippet.url, snippet.body])
        }
    }

    func remember(_ libraries: [LibraryInfo]) throws {
        let now = clock.now().timeIntervalSince1970
        try store.write { db in
            for library in libraries {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO library (id, title, description, versions, total_snippets, trust_score, seen_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [library.id, library.title, library.description ?? "",
                                     (library.versions ?? []).joined(separator: "\n"), library.totalSnippets, library.trustScore, now])
            }
        }
    }

    /// Libraries known locally whose id or title contains `name` (the offline answer to a search).
    func knownLibraries(matching name: String) throws -> [LibraryInfo] {
        try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM library WHERE id LIKE ?1 ESCAPE '\\' OR title LIKE ?1 ESCAPE '\\' ORDER BY trust_score DESC, id LIMIT 20
                """, arguments: ["%" + Self.escapeLike(name) + "%"]).map { row in
                let versions: String = row["versions"]
                return LibraryInfo(id: row["id"], title: row["title"], description: row["description"],
                                   totalSnippets: row["total_snippets"], trustScore: row["trust_score"],
                                   versions: versions.isEmpty ? nil : versions.components(separatedBy: "\n"))
            }
        }
    }

    /// True when some of the library's docs were imported (they are answered locally, never fetched).
    func hasImported(_ library: LibraryID) throws -> Bool {
        try store.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM entry WHERE kind = 'import' AND library_id = ? AND (version IS ? OR ? IS NULL))
                """, arguments: [library.base, library.version, library.version]) ?? false
        }
    }

    static func entry(_ row: Row) -> CachedEntry {
        CachedEntry(key: row["key"], kind: CachedEntry.Kind(rawValue: row["kind"]) ?? .context, libraryID: row["library_id"],
                    version: row["version"], query: row["query"], body: row["body"],
                    fetchedAt: Date(timeIntervalSince1970: row["fetched_at"]),
                    accessedAt: Date(timeIntervalSince1970: row["accessed_at"]), pinned: row["pinned"])
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
