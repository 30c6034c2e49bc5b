/// The offline documentation cache, as `verify: cache` citations see it. The knowledge module
/// provides it; the rules only ask whether a cited page or library is there.
public protocol CitationCache: Sendable {
    func contains(url: String) throws -> Bool
    func contains(libraryID: String, version: String?) throws -> Bool
}

extension Citation {
    /// Whether the cache holds what this citation points at. Documents and issues are not
    /// documentation the cache keeps, so only their form is checked.
    func isCached(in cache: any CitationCache) -> Bool {
        switch self {
        case .url(let url): return (try? cache.contains(url: url)) ?? false
        case .library(let id, let version): return (try? cache.contains(libraryID: id, version: version)) ?? false
        case .document, .issue: return true
        }
    }
}
