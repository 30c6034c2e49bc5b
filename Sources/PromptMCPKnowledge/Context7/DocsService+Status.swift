import Foundation

/// Everything `docs status` shows.
public struct DocsStatus: Sendable {
    public var cachePath: String
    public var baseURL: String
    public var hasAPIKey: Bool
    public var offline: Bool
    public var statistics: CacheStatistics
    public var breaker: CircuitBreaker.Status
    public var pending: [PendingRequest]
    public var integrityProblems: [String]?
    /// The last time the cache was found damaged and rebuilt (this run or an earlier one).
    public var lastRecovery: StoreRecovery?
}

extension DocsService {
    /// `checkIntegrity` runs `PRAGMA integrity_check` (slow on a big cache, so on request only).
    public func status(checkIntegrity: Bool = false) throws -> DocsStatus {
        DocsStatus(cachePath: store.path, baseURL: client?.baseURL.absoluteString ?? "", hasAPIKey: client?.apiKey != nil,
                   offline: settings.offline, statistics: try cache.statistics(ttl: settings.ttl),
                   breaker: try breaker.status(), pending: try queue.all(),
                   integrityProblems: checkIntegrity ? try store.integrityProblems() : nil,
                   lastRecovery: store.recovery ?? StoreRecovery.last(of: store.path))
    }

    /// TTL and size limits; `maxAge`/`maxBytes` override the settings for this run.
    public func prune(maxAge: TimeInterval? = nil, maxBytes: Int? = nil) throws -> PruneReport {
        let report = try cache.prune(maxAge: maxAge ?? settings.maxAge, maxBytes: maxBytes ?? settings.maxBytes)
        store.checkpoint()
        return report
    }
}
