import Foundation

/// How the documentation cache behaves. Defaults follow Context7's advice to cache for hours or
/// days: an answer is fresh for a day, kept (and served stale) for 30 days, and the cache holds
/// at most 256 MiB of fetched documentation (imports do not count).
public struct DocsSettings: Sendable {
    public var ttl: TimeInterval = 24 * 3600
    public var maxAge: TimeInterval = 30 * 24 * 3600
    public var maxBytes = 256 << 20
    /// Never use the network: answer from the cache and queue the rest for `docs sync`.
    public var offline = false
    public var retry = RetryPolicy()
    public var breaker = CircuitBreaker.Settings()

    public init() {}

    /// `PROMPTMCP_OFFLINE=1`, `PROMPTMCP_DOCS_TTL` / `PROMPTMCP_DOCS_MAX_AGE` (seconds),
    /// `PROMPTMCP_DOCS_MAX_BYTES`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DocsSettings {
        var settings = DocsSettings()
        settings.offline = ["1", "true", "yes"].contains(environment["PROMPTMCP_OFFLINE"]?.lowercased() ?? "")
        if let ttl = environment["PROMPTMCP_DOCS_TTL"].flatMap(TimeInterval.init), ttl >= 0 { settings.ttl = ttl }
        if let age = environment["PROMPTMCP_DOCS_MAX_AGE"].flatMap(TimeInterval.init), age >= 0 { settings.maxAge = age }
        if let bytes = environment["PROMPTMCP_DOCS_MAX_BYTES"].flatMap(Int.init), bytes >= 0 { settings.maxBytes = bytes }
        return settings
    }
}

/// An answer and where it came from.
public struct Lookup<Value: Sendable>: Sendable {
    public enum Origin: String, Sendable, Equatable {
        /// From the cache, within its TTL: the network was not used.
        case fresh
        /// From the cache, past its TTL: served at once; `refresh` says what to fetch next.
        case stale
        case network
        /// Not cached as asked: the best local matches (imported docs, or the offline fall-back).
        case localIndex = "local-index"
    }

    public var value: Value
    public var origin: Origin
    public var cachedAt: Date?
    /// For a stale answer while online: fetch this after showing the answer (`DocsService.refresh`).
    public var refresh: PendingRequest?
    /// The question was queued for `docs sync`.
    public var queued = false
    /// Why the network was not used or failed, for a note to the user.
    public var failure: FetchFailure?
}

/// A lookup that has no answer at all.
public enum DocsError: Error, CustomStringConvertible, Equatable {
    /// Nothing cached and nothing fetched; the question is queued unless `queued` is false.
    case notCached(PendingRequest, reason: FetchFailure?, queued: Bool)
    /// Context7 refused the request itself (unknown library, bad key): not queued.
    case rejected(FetchFailure)

    public var description: String {
        switch self {
        case let .notCached(request, reason, queued):
            let what = request.kind == .search ? "libraries named \"\(request.subject)\"" : "\(request.subject) about \"\(request.query)\""
            return "nothing cached for \(what)" + (reason.map { "; \($0)" } ?? "")
                + (queued ? ". Queued: `promptmcp docs sync` fetches it when the network is back." : ".")
        case let .rejected(failure):
            return failure.description
        }
    }
}

/// What `docs sync` did.
public struct SyncReport: Sendable {
    public var fetched: [PendingRequest] = []
    public var failed: [(PendingRequest, FetchFailure)] = []
    public var remaining = 0
    /// Set when sync stopped early because the network or the breaker said no.
    public var stoppedBy: FetchFailure?
}
