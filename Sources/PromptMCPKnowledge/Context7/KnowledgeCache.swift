import Foundation
import GRDB

/// Read-only questions about the documentation cache, for citations with `verify: cache`.
///
/// Open it with `openIfPresent()`: when the user has no cache yet, nothing is created and
/// every answer is "not cached". Nothing here touches the network.
public struct KnowledgeCache: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// The user's cache (`PROMPTMCP_CACHE_DIR`, `XDG_CACHE_HOME`, `~/.cache`), or nil when it
    /// does not exist yet.
    public static func openIfPresent(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KnowledgeCache? {
        let path = StorePaths.cacheDatabase(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return KnowledgeCache(store: try Store.open(at: path, migrator: CacheSchema.migrator))
    }

    /// True when a cached or imported snippet came from `url`. The fragment and a trailing
    /// slash are ignored when the exact URL is not found, so `…/guide#setup` matches a snippet
    /// of `…/guide` and the other way round. A Context7 library page
    /// (`https://context7.com/owner/repo[/version]`) matches when that library is cached.
    public func contains(url: String) throws -> Bool {
        let exact = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !exact.isEmpty else { return false }
        var base = exact.split(separator: "#", maxSplits: 1).first.map(String.init) ?? exact
        if base.hasSuffix("/") { base.removeLast() }
        let found = try store.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM chunk WHERE url IN (?1, ?2, ?3) OR url LIKE ?4 ESCAPE '\\')
                """, arguments: [exact, base, base + "/", DocsCache.escapeLike(base) + "#%"]) ?? false
        }
        if found { return true }
        if let page = URL(string: base), page.host == "context7.com", let library = LibraryID(page.path) {
            return try contains(libraryID: library.base, version: library.version)
        }
        return false
    }

    /// True when documentation of the library (at that version, when given) is cached or
    /// imported, or the library appeared in a cached search result listing that version.
    /// `libraryID` may carry the version itself (`/owner/repo/v1.2`, `/owner/repo@1.2`).
    /// Versions compare without a leading "v".
    public func contains(libraryID: String, version: String? = nil) throws -> Bool {
        guard var library = LibraryID(libraryID) else { return false }
        if let version { library.version = version }
        return try store.read { db in
            guard let wanted = library.version.map(Self.normalised) else {
                return try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM entry WHERE library_id = ?1) OR EXISTS (SELECT 1 FROM library WHERE id = ?1)
                    """, arguments: [library.base]) ?? false
            }
            let entryVersions = try String.fetchAll(db, sql: "SELECT DISTINCT version FROM entry WHERE library_id = ? AND version IS NOT NULL",
                                                    arguments: [library.base])
            let listed = (try String.fetchOne(db, sql: "SELECT versions FROM library WHERE id = ?", arguments: [library.base]) ?? "")
                .split(separator: "\n").map(String.init)
            return (entryVersions + listed).contains { Self.normalised($0) == wanted }
        }
    }

    static func normalised(_ version: String) -> String {
        let lower = version.lowercased()
        return lower.hasPrefix("v") ? String(lower.dropFirst()) : lower
    }
}
