import Foundation

/// The cache-first documentation service that the CLI and the MCP server share.
///
/// A fresh entry is served without the network; a stale one is served at once and refreshed
/// afterwards (`refresh`); a miss is fetched with retries under the circuit breaker, and when that
/// fails (or in offline mode, which never waits on the network) the question is queued for
/// `docs sync` and the best local matches are served instead.
public final class DocsService: Sendable {
    public let store: Store
    public let settings: DocsSettings
    let client: Context7Client?
    let clock: WallClock
    let cache: DocsCache
    let queue: FetchQueue
    let breaker: CircuitBreaker
    /// Once the network proved unreachable, later lookups in this process do not try again.
    let unreachableLatch = Latch()

    public init(store: Store, client: Context7Client?, settings: DocsSettings, clock: WallClock = .system) {
        self.store = store
        self.client = client
        self.settings = settings
        self.clock = clock
        cache = DocsCache(store: store, clock: clock)
        queue = FetchQueue(store: store, clock: clock)
        breaker = CircuitBreaker(store: store, service: client?.baseURL.absoluteString ?? "none",
                                 settings: settings.breaker, clock: clock)
    }

    /// The user's cache, the client and the settings, all from the environment.
    public static func open(environment: [String: String] = ProcessInfo.processInfo.environment,
                            offline: Bool = false, clock: WallClock = .system) throws -> DocsService {
        var settings = DocsSettings.fromEnvironment(environment)
        settings.offline = settings.offline || offline
        let store = try Store.open(at: StorePaths.cacheDatabase(environment: environment), migrator: CacheSchema.migrator)
        return DocsService(store: store, client: Context7Client.fromEnvironment(environment), settings: settings, clock: clock)
    }

    public func searchLibraries(name: String, query: String = "") throws -> Lookup<[LibraryInfo]> {
        let request = PendingRequest(kind: .search, subject: name, query: query)
        if let entry = try cache.entry(request.key),
           let results = try? JSONDecoder().decode(LibrarySearchResponse.self, from: entry.body).results {
            return cached(results, entry, request)
        }
        switch fetch(request) {
        case .success:
            guard let entry = try cache.entry(request.key),
                  let results = try? JSONDecoder().decode(LibrarySearchResponse.self, from: entry.body).results else {
                throw DocsError.notCached(request, reason: nil, queued: false)
            }
            return Lookup(value: results, origin: .network, cachedAt: entry.fetchedAt)
        case let .failure(failure):
            let known = try cache.knownLibraries(matching: name)
            guard !known.isEmpty else { throw DocsError.notCached(request, reason: failure, queued: true) }
            return Lookup(value: known, origin: .localIndex, queued: true, failure: failure)
        }
    }

    public func context(libraryID: LibraryID, query: String, limit: Int = 20) throws -> Lookup<[DocSnippet]> {
        let request = PendingRequest(kind: .context, subject: libraryID.description, query: query)
        // Imported docs have no upstream to ask: they are always answered from the index.
        if try cache.hasImported(libraryID) {
            return Lookup(value: try cache.localAnswer(libraryID, query: query, limit: limit), origin: .localIndex)
        }
        if let entry = try cache.entry(request.key) {
            return cached(Array(try cache.snippets(ofEntry: entry.key).prefix(limit)), entry, request)
        }
        switch fetch(request) {
        case .success:
            let snippets = try cache.snippets(ofEntry: request.key)
            return Lookup(value: Array(snippets.prefix(limit)), origin: .network, cachedAt: clock.now())
        case let .failure(failure):
            let local = try cache.localAnswer(libraryID, query: query, limit: limit)
            guard !local.isEmpty else { throw DocsError.notCached(request, reason: failure, queued: true) }
            return Lookup(value: local, origin: .localIndex, queued: true, failure: failure)
        }
    }

    /// Fetches a stale or queued request now. On failure the request is (still) queued, unless
    /// Context7 rejected it outright, which asking again would not change.
    @discardableResult
    public func refresh(_ request: PendingRequest) -> Result<Void, FetchFailure> {
        fetch(request)
    }

    /// Fetches every queued request, oldest first; stops at the first sign that the network or
    /// the service is down (the rest stays queued).
    public func sync() throws -> SyncReport {
        var report = SyncReport()
        for request in try queue.all() {
            switch fetch(request) {
            case .success:
                report.fetched.append(request)
            case let .failure(failure):
                report.failed.append((request, failure))
                switch failure {
                case .offline, .circuitOpen, .unreachable: report.stoppedBy = failure
                default: break
                }
            }
            if report.stoppedBy != nil { break }
        }
        report.remaining = try queue.all().count
        return report
    }

    private func cached<T>(_ value: T, _ entry: CachedEntry, _ request: PendingRequest) -> Lookup<T> {
        guard !entry.pinned, clock.now().timeIntervalSince(entry.fetchedAt) >= settings.ttl else {
            return Lookup(value: value, origin: .fresh, cachedAt: entry.fetchedAt)
        }
        var lookup = Lookup(value: value, origin: .stale, cachedAt: entry.fetchedAt)
        if settings.offline || unreachableLatch.isSet {
            lookup.queued = (try? queue.add(request)) != nil
        } else {
            lookup.refresh = request
        }
        return lookup
    }
}

/// A flag that, once set, stays set; safe to share between threads.
final class Latch: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}
