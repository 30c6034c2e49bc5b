import Foundation

/// One result of a local search.
public struct SearchHit: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable {
        /// Cached or imported library documentation.
        case docs
        /// A document of the repository (README, docs/, ADRs, AGENTS.md).
        case repository
        case lesson
    }

    public var source: Source
    public var title: String
    /// A URL (docs), `PATH#anchor` (repository) or the lesson id.
    public var location: String
    /// The library id for docs results.
    public var library: String?
    public var excerpt: String
    /// BM25 as SQLite's FTS5 reports it: lower is better.
    public var rank: Double
    /// For lesson results: the lesson's id (for `lessons show`).
    public var lessonID: String?
}

/// Turns what a person typed into an FTS5 query that cannot be a syntax error: words only,
/// each quoted, joined with OR so that BM25 ranks chunks with more of them first.
enum FullTextQuery {
    static let maxTerms = 16

    static func make(_ text: String) -> String? {
        var seen = Set<String>()
        var terms: [String] = []
        for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            let term = String(word)
            guard term.count > 1 || term.first?.isNumber == true, seen.insert(term).inserted else { continue }
            terms.append("\"" + term + "\"")
            if terms.count == maxTerms { break }
        }
        return terms.isEmpty ? nil : terms.joined(separator: " OR ")
    }

    /// A short window of `body` around the first query word it contains.
    static func excerpt(_ body: String, for text: String, width: Int = 220) -> String {
        let flat = body.split(whereSeparator: \.isNewline).joined(separator: " ")
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        let lower = flat.lowercased()
        var start = lower.startIndex
        if let hit = words.lazy.compactMap({ lower.range(of: $0) }).first {
            start = lower.index(hit.lowerBound, offsetBy: -60, limitedBy: lower.startIndex) ?? lower.startIndex
        }
        let offset = lower.distance(from: lower.startIndex, to: start)
        let from = flat.index(flat.startIndex, offsetBy: offset, limitedBy: flat.endIndex) ?? flat.startIndex
        let window = flat[from...].prefix(width)
        return (from == flat.startIndex ? "" : "…") + window + (window.endIndex < flat.endIndex ? "…" : "")
    }
}
