import ArgumentParser
import Foundation
import PromptMCPKit
import PromptMCPKnowledge

/// Rendering and after-care shared by the knowledge commands.
enum KnowledgeOutput {
    /// Says on stderr when opening a store found it damaged and rebuilt it, so that no command
    /// goes on as if nothing happened.
    static func noteRecovery(_ stores: Store?...) {
        for store in stores.compactMap({ $0 }) {
            if let recovery = store.recovery { Terminal.err("note: the knowledge store \(store.path) was \(recovery.summary)\n") }
        }
    }

    /// The documentation service, saying so when its cache had to be rebuilt.
    static func docsService() throws -> DocsService {
        let service = try DocsService.open()
        noteRecovery(service.store)
        return service
    }

    /// The clone's state store, saying so when it had to be rebuilt.
    static func stateStore(commonGitDirectory: String) throws -> Store {
        let store = try Store.openState(commonGitDirectory: commonGitDirectory)
        noteRecovery(store)
        return store
    }

    static func text(_ library: LibraryInfo) -> String {
        var line = "\(library.id)  \(library.title)"
        if let snippets = library.totalSnippets { line += "  (\(Plural.count(snippets, "snippet")))" }
        if let description = library.description, !description.isEmpty { line += "\n    \(description)" }
        if let versions = library.versions, !versions.isEmpty { line += "\n    versions: \(versions.joined(separator: ", "))" }
        return line
    }

    static func text(_ snippet: DocSnippet) -> String {
        "## \(snippet.title.isEmpty ? "(untitled)" : snippet.title)\n" + (snippet.url.map { "<\($0)>\n" } ?? "") + "\n\(snippet.body)\n"
    }

    static func text(_ hit: SearchHit) -> String {
        let place = hit.library.map { "\($0) " } ?? ""
        return "[\(hit.source.rawValue)] \(hit.title)\n    \(place)\(hit.location)\n    \(hit.excerpt)\n"
    }

    static func describe(_ request: PendingRequest) -> String {
        request.kind == .search ? "search \"\(request.subject)\"" : "\(request.subject) \"\(request.query)\""
    }

    /// A lookup as JSON: where the answer came from, then the answer.
    static func json<T: Encodable & Sendable>(_ lookup: Lookup<T>) -> String {
        json(Answer(origin: lookup.origin.rawValue, cachedAt: lookup.cachedAt, queued: lookup.queued, results: lookup.value))
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// Runs a lookup; with the hidden `--timings` flag, prints its in-process duration (what the
    /// benchmark reads, free of process start-up).
    /// A lookup with no answer at all is exit status 1, with the reason (and whether it was
    /// queued) on standard error.
    @discardableResult
    static func timed<T>(_ enabled: Bool, _ label: String, _ body: () throws -> T) throws -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result: T
        do {
            result = try body()
        } catch let error as DocsError {
            Terminal.err("promptmcp: \(error)")
            throw ExitCode(Terminal.Status.violations.rawValue)
        }
        if enabled {
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            Terminal.err("timing: \(label) \(String(format: "%.3f", ms)) ms")
        }
        return result
    }

    /// Notes on where the answer came from, then the stale-while-revalidate refresh: the answer
    /// is already printed, so the user is not kept waiting on it.
    static func finish<T>(_ lookup: Lookup<T>, service: DocsService) {
        if let failure = lookup.failure { Terminal.err("note: \(failure); answered from the local index") }
        if lookup.queued { Terminal.err("note: queued; `promptmcp docs sync` fetches it when the network is back") }
        if lookup.origin == .stale, let cachedAt = lookup.cachedAt {
            Terminal.err("note: cached \(ISO8601DateFormatter().string(from: cachedAt)), past its TTL"
                         + (lookup.refresh != nil ? "; refreshing" : ""))
        }
        if let request = lookup.refresh, case let .failure(failure) = service.refresh(request) {
            Terminal.err("note: refresh failed (\(failure)); queued for `promptmcp docs sync`")
        }
    }
}

private struct Answer<T: Encodable>: Encodable {
    var origin: String
    var cachedAt: Date?
    var queued: Bool
    var results: T
}
