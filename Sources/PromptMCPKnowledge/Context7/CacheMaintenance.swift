import Foundation
import GRDB

/// What `docs prune` removed.
public struct PruneReport: Sendable, Equatable {
    public var expired = 0
    public var evicted = 0
    public var bytesFreed = 0
}

/// The cache's totals, for `docs status`.
public struct CacheStatistics: Sendable, Equatable {
    public var entries = 0
    public var pinnedEntries = 0
    public var staleEntries = 0
    public var chunks = 0
    public var bytes = 0
    public var libraries = 0
    public var pending = 0
}

extension DocsCache {
    /// Removes unpinned entries older than `maxAge` (TTL), then the least recently used ones
    /// until the unpinned total is under `maxBytes` (LRU by bytes).
    func prune(maxAge: TimeInterval, maxBytes: Int) throws -> PruneReport {
        let cutoff = clock.now().timeIntervalSince1970 - maxAge
        return try store.write { db in
            var report = PruneReport()
            let old = try Row.fetchAll(db, sql: "SELECT key, bytes FROM entry WHERE pinned = 0 AND fetched_at < ?", arguments: [cutoff])
            for row in old {
                try db.execute(sql: "DELETE FROM entry WHERE key = ?", arguments: [row["key"] as String])
                report.expired += 1
                report.bytesFreed += row["bytes"] as Int
            }
            var total = try Int.fetchOne(db, sql: "SELECT coalesce(sum(bytes), 0) FROM entry WHERE pinned = 0") ?? 0
            guard total > maxBytes else { return report }
            let cursor = try Row.fetchCursor(db, sql: "SELECT key, bytes FROM entry WHERE pinned = 0 ORDER BY accessed_at")
            var victims: [(String, Int)] = []
            while total > maxBytes, let row = try cursor.next() {
                victims.append((row["key"], row["bytes"]))
                total -= row["bytes"] as Int
            }
            for (key, bytes) in victims {
                try db.execute(sql: "DELETE FROM entry WHERE key = ?", arguments: [key])
                report.evicted += 1
                report.bytesFreed += bytes
            }
            return report
        }
    }

    /// Unpinned bytes, checked after each fetch so that the size cap holds without a prune.
    func unpinnedBytes() throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT coalesce(sum(bytes), 0) FROM entry WHERE pinned = 0") ?? 0 }
    }

    func statistics(ttl: TimeInterval) throws -> CacheStatistics {
        let staleBefore = clock.now().timeIntervalSince1970 - ttl
        return try store.read { db in
            var stats = CacheStatistics()
            if let row = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, coalesce(sum(pinned), 0) AS p, coalesce(sum(bytes), 0) AS b,
                       coalesce(sum(pinned = 0 AND fetched_at < ?), 0) AS s FROM entry
                """, arguments: [staleBefore]) {
                stats.entries = row["n"]
                stats.pinnedEntries = row["p"]
                stats.bytes = row["b"]
                stats.staleEntries = row["s"]
            }
            stats.chunks = try Int.fetchOne(db, sql: "SELECT count(*) FROM chunk") ?? 0
            stats.libraries = try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM (SELECT id FROM library UNION SELECT library_id FROM entry WHERE library_id IS NOT NULL)") ?? 0
            stats.pending = try Int.fetchOne(db, sql: "SELECT count(*) FROM pending") ?? 0
            return stats
        }
    }
}
