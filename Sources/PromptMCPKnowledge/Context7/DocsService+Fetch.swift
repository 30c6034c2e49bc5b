import Foundation

extension DocsService {
    /// Asks Context7 for `request` (with retries, under the breaker), stores the answer in one
    /// transaction and takes it off the queue. On failure the request is queued, unless the
    /// service rejected the request itself.
    func fetch(_ request: PendingRequest) -> Result<Void, FetchFailure> {
        let result = send(request)
        switch result {
        case let .success((body, snippets, libraries)):
            do {
                try store(request, body: body, snippets: snippets, libraries: libraries)
            } catch {
                return .failure(.connectionLost("the answer could not be stored: \(error)"))
            }
            return .success(())
        case let .failure(failure):
            switch failure {
            case .rejected: try? queue.remove(request)
            case .offline, .circuitOpen: try? queue.add(request, error: failure.description)
            default: try? queue.add(request, error: failure.description, attempted: true)
            }
            return .failure(failure)
        }
    }

    private func send(_ request: PendingRequest) -> Result<(Data, [DocSnippet], [LibraryInfo]), FetchFailure> {
        if settings.offline { return .failure(.offline) }
        guard let client else { return .failure(.unreachable("CONTEXT7_BASE_URL is not a URL")) }
        if unreachableLatch.isSet { return .failure(.unreachable("the network failed earlier in this run")) }
        do {
            if case let .rejected(until) = try breaker.permission() { return .failure(.circuitOpen(until: until)) }
        } catch {
            return .failure(.connectionLost("the breaker state could not be read: \(error)"))
        }
        var attempt = 1
        while true {
            let result: Result<(Data, [DocSnippet], [LibraryInfo]), FetchFailure>
            switch request.kind {
            case .search:
                result = client.searchLibraries(name: request.subject, query: request.query, now: clock.now()).map { ($0.0, [], $0.1) }
            case .context:
                result = client.context(libraryID: request.subject, query: request.query, now: clock.now()).map { ($0.0, $0.1, []) }
            }
            guard case let .failure(failure) = result else {
                try? breaker.recordSuccess()
                return result
            }
            if let delay = settings.retry.delay(after: attempt, failure: failure) {
                clock.sleep(delay)
                attempt += 1
                continue
            }
            var holdOff: TimeInterval?
            if case let .rateLimited(after?) = failure, after > settings.retry.maxRetryAfter { holdOff = after }
            try? breaker.recordFailure(failure, holdOff: holdOff)
            if case .unreachable = failure { unreachableLatch.set() }
            return result
        }
    }

    private func store(_ request: PendingRequest, body: Data, snippets: [DocSnippet], libraries: [LibraryInfo]) throws {
        let now = clock.now()
        let library = request.kind == .context ? LibraryID(request.subject) : nil
        let entry = CachedEntry(key: request.key, kind: request.kind == .search ? .search : .context,
                                libraryID: library?.base, version: library?.version, query: request.query, body: body,
                                fetchedAt: now, accessedAt: now, pinned: false)
        try store.write { db in
            try DocsCache.put(entry, snippets: snippets, in: db)
            try db.execute(sql: "DELETE FROM pending WHERE key = ?", arguments: [request.key])
        }
        if !libraries.isEmpty { try cache.remember(libraries) }
        if try cache.unpinnedBytes() > settings.maxBytes {
            _ = try cache.prune(maxAge: settings.maxAge, maxBytes: settings.maxBytes)
        }
    }
}
