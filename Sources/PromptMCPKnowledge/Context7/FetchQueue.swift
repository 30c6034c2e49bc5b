import Foundation
import GRDB

/// A question that could not be answered from the network: asked while offline, while the
/// breaker was open, or a stale entry waiting for its refresh. `docs sync` fetches them.
public struct PendingRequest: Sendable, Equatable {
    public enum Kind: String, Sendable { case search, context }
    public var kind: Kind
    /// The library name (search) or library id (context).
    public var subject: String
    public var query: String
    public var attempts = 0
    public var lastError = ""

    public init(kind: Kind, subject: String, query: String) {
        self.kind = kind
        self.subject = subject
        self.query = query
    }

    var key: String { DocsCache.key(kind == .search ? .search : .context, subject, query) }
}

/// The queue, in the cache database so that it survives the process that filled it.
struct FetchQueue: Sendable {
    let store: Store
    let clock: WallClock

    /// `attempted`: a request was sent and failed (counted), as opposed to not sent at all.
    func add(_ request: PendingRequest, error: String = "", attempted: Bool = false) throws {
        try store.write { db in
            // Asking again keeps the original time: the queue is served oldest first.
            try db.execute(sql: """
                INSERT INTO pending (key, kind, subject, query, asked_at, attempts, last_error) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET last_error = excluded.last_error, attempts = attempts + excluded.attempts
                """, arguments: [request.key, request.kind.rawValue, request.subject, request.query,
                                 clock.now().timeIntervalSince1970, attempted ? 1 : 0, error])
        }
    }

    func all() throws -> [PendingRequest] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pending ORDER BY asked_at, key").map { row in
                var request = PendingRequest(kind: PendingRequest.Kind(rawValue: row["kind"]) ?? .context,
                                             subject: row["subject"], query: row["query"])
                request.attempts = row["attempts"]
                request.lastError = row["last_error"]
                return request
            }
        }
    }

    func remove(_ request: PendingRequest) throws {
        try store.write { db in try db.execute(sql: "DELETE FROM pending WHERE key = ?", arguments: [request.key]) }
    }
}
