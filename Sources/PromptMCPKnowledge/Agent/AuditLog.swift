import Foundation
import GRDB

/// The MCP server's record of every tool call, in the clone's state store (`promptmcp audit`
/// lists it). It also enforces the per-tool rate limits: counting these rows inside the write
/// transaction that adds one means two servers of the same clone cannot both take the last slot,
/// and restarting a server does not reset a limit.
public struct AuditLog: Sendable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// Admitted and not finished yet (a row left like this means the server died mid-call).
        case running
        case ok
        /// The tool ran and reported a failure (`isError`), such as a diff that does not apply.
        case toolError = "tool-error"
        /// Arguments that do not fit the tool's schema.
        case invalid
        /// Refused by the gate: a path outside the repository, an edit to a protected path.
        case refused
        case rateLimited = "rate-limited"
        case unknownTool = "unknown-tool"
        case internalError = "internal-error"
    }

    public struct Entry: Sendable, Codable, Equatable {
        public var id: Int64
        public var at: Date
        public var tool: String
        public var argumentDigest: String
        public var outcome: Outcome
        public var durationMilliseconds: Double?
        public var correlationID: String
        public var detail: String
    }

    /// Whether a call may run; either way its row is written.
    public enum Admission: Sendable, Equatable {
        case admitted(id: Int64)
        /// The limit is reached; a slot frees up after `retryAfter` seconds.
        case limited(id: Int64, retryAfter: TimeInterval)
    }

    /// Rows kept: older ones are deleted as new ones arrive, so the log cannot grow without bound.
    static let retainedRows: Int64 = 50_000

    let store: Store
    let clock: WallClock

    public init(store: Store, clock: WallClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Records the start of a call, unless `limit` (calls per seconds) is already used up within
    /// the window, in which case the call is recorded as rate-limited. Rate-limited calls do not
    /// count toward the limit, so a client that keeps asking is not locked out for ever.
    public func begin(tool: String, digest: String, correlationID: String,
                      limit: (count: Int, perSeconds: Int)? = nil) throws -> Admission {
        let now = clock.now().timeIntervalSince1970
        return try store.write { db in
            var retryAfter: TimeInterval?
            if let limit {
                let since = now - Double(limit.perSeconds)
                let counted = try Double.fetchAll(db, sql: """
                    SELECT at FROM audit WHERE tool = ? AND at > ? AND outcome NOT IN ('rate-limited', 'unknown-tool')
                    ORDER BY at DESC LIMIT ?
                    """, arguments: [tool, since, limit.count])
                if counted.count >= limit.count, let oldest = counted.last {
                    retryAfter = max(0, oldest + Double(limit.perSeconds) - now)
                }
            }
            let outcome: Outcome = retryAfter == nil ? .running : .rateLimited
            try db.execute(sql: """
                INSERT INTO audit (at, tool, digest, outcome, duration_ms, correlation_id) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [now, tool, digest, outcome.rawValue, retryAfter == nil ? nil : 0.0, correlationID])
            let id = db.lastInsertedRowID
            if id % 100 == 0 {
                try db.execute(sql: "DELETE FROM audit WHERE id <= ?", arguments: [id - Self.retainedRows])
            }
            return retryAfter.map { .limited(id: id, retryAfter: $0) } ?? .admitted(id: id)
        }
    }

    /// Records a call that never reached a tool (an unknown tool name) in one step.
    public func record(tool: String, digest: String, correlationID: String, outcome: Outcome, detail: String) throws {
        let now = clock.now().timeIntervalSince1970
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO audit (at, tool, digest, outcome, duration_ms, correlation_id, detail) VALUES (?, ?, ?, ?, 0, ?, ?)
                """, arguments: [now, tool, digest, outcome.rawValue, correlationID, detail])
        }
    }

    public func finish(_ id: Int64, outcome: Outcome, durationMilliseconds: Double, detail: String = "") throws {
        try store.write { db in
            try db.execute(sql: "UPDATE audit SET outcome = ?, duration_ms = ?, detail = ? WHERE id = ?",
                           arguments: [outcome.rawValue, durationMilliseconds, detail, id])
        }
    }

    /// The latest calls, newest first.
    public func recent(limit: Int) throws -> [Entry] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                Entry(id: row["id"], at: Date(timeIntervalSince1970: row["at"]), tool: row["tool"], argumentDigest: row["digest"],
                      outcome: Outcome(rawValue: row["outcome"]) ?? .internalError, durationMilliseconds: row["duration_ms"],
                      correlationID: row["correlation_id"], detail: row["detail"])
            }
        }
    }

    /// Calls of `tool` within the last `seconds` that count toward its rate limit.
    public func calls(of tool: String, within seconds: Int) throws -> Int {
        let since = clock.now().timeIntervalSince1970 - Double(seconds)
        return try store.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM audit WHERE tool = ? AND at > ? AND outcome NOT IN ('rate-limited', 'unknown-tool')
                """, arguments: [tool, since]) ?? 0
        }
    }

    public func count() throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0 }
    }

    /// A digest of a call's arguments (git's blob id of their canonical JSON): equal arguments
    /// give equal digests, and nothing of the arguments can be read back from it.
    public static func digest(of bytes: [UInt8]) -> String {
        BlobID.of(bytes)
    }
}
