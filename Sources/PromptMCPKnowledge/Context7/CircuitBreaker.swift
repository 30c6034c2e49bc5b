import Foundation
import GRDB

/// A circuit breaker whose state lives in the cache database, so that every process (each hook,
/// the MCP server) sees the same one: after `failureThreshold` failures in a row it opens and no
/// process sends a request until `openFor` has passed; then exactly one process gets to send a
/// probe (half-open). A success closes it; a failed probe opens it again for twice as long.
public struct CircuitBreaker: Sendable {
    public struct Settings: Sendable {
        public var failureThreshold = 3
        public var openFor: TimeInterval = 60
        public var maxOpenFor: TimeInterval = 30 * 60
        /// A probe that has not reported back by then (its process died) is given to another.
        public var probeTimeout: TimeInterval = 60
        public init() {}
    }

    public enum State: String, Sendable { case closed, open, halfOpen = "half-open" }

    public struct Status: Sendable, Equatable {
        public var state: State
        public var failures: Int
        public var openUntil: Date?
        public var lastError: String
    }

    enum Permission: Equatable {
        case allowed
        case probe
        case rejected(until: Date)
    }

    let store: Store
    let service: String
    let settings: Settings
    let clock: WallClock

    /// Whether a request may be sent now. Claiming the half-open probe is a write, so two
    /// processes cannot both probe.
    func permission() throws -> Permission {
        let now = clock.now().timeIntervalSince1970
        return try store.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM breaker WHERE service = ?", arguments: [service]) else {
                return .allowed
            }
            let state = State(rawValue: row["state"]) ?? .closed
            let openUntil: Double = row["open_until"]
            switch state {
            case .closed:
                return .allowed
            case .open where now < openUntil, .halfOpen where now < (row["probe_started_at"] as Double) + settings.probeTimeout:
                return .rejected(until: Date(timeIntervalSince1970: max(openUntil, now)))
            case .open, .halfOpen:
                try db.execute(sql: "UPDATE breaker SET state = ?, probe_started_at = ? WHERE service = ?",
                               arguments: [State.halfOpen.rawValue, now, service])
                return .probe
            }
        }
    }

    func recordSuccess() throws {
        try store.write { db in
            try db.execute(sql: "DELETE FROM breaker WHERE service = ?", arguments: [service])
        }
    }

    /// `holdOff`: the server asked for a pause (`Retry-After`) longer than was waited; the
    /// breaker opens for that long whatever the failure count, so no process asks before then.
    func recordFailure(_ failure: FetchFailure, holdOff: TimeInterval? = nil) throws {
        guard failure.countsAgainstService else { return }
        let now = clock.now().timeIntervalSince1970
        try store.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM breaker WHERE service = ?", arguments: [service])
            let state = row.flatMap { State(rawValue: $0["state"]) } ?? .closed
            let failures = (row?["failures"] as Int? ?? 0) + 1
            var opened: Int = row?["opened_count"] ?? 0
            var openUntil: Double = row?["open_until"] ?? 0
            var newState = state == .open ? State.open : .closed
            if state == .halfOpen || failures >= settings.failureThreshold {
                newState = .open
                openUntil = now + min(settings.maxOpenFor, settings.openFor * pow(2, Double(opened)))
                opened += 1
            }
            if let holdOff {
                newState = .open
                openUntil = max(openUntil, now + holdOff)
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO breaker (service, state, failures, open_until, probe_started_at, opened_count, last_error)
                VALUES (?, ?, ?, ?, 0, ?, ?)
                """, arguments: [service, newState.rawValue, failures, openUntil, opened, failure.description])
        }
    }

    public func status() throws -> Status {
        try store.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM breaker WHERE service = ?", arguments: [service]) else {
                return Status(state: .closed, failures: 0, openUntil: nil, lastError: "")
            }
            let state = State(rawValue: row["state"]) ?? .closed
            let until: Double = row["open_until"]
            return Status(state: state, failures: row["failures"],
                          openUntil: state == .closed ? nil : Date(timeIntervalSince1970: until), lastError: row["last_error"])
        }
    }
}
