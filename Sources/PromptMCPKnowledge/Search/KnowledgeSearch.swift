import Foundation
import GRDB

/// The local ("RAG-only") search: the repository's docs and lessons (per-clone index) and the
/// cached documentation (user cache), each ranked by BM25 in its own FTS5 index, merged.
///
/// BM25 scores from two indexes are not strictly comparable (each uses its own corpus
/// statistics); in practice both are on the same scale for chunks of similar size, and a merge
/// by score is what users expect to see.
public struct KnowledgeSearch: Sendable {
    let state: Store?
    let docs: Store?

    public init(state: Store?, docs: Store?) {
        self.state = state
        self.docs = docs
    }

    public func search(_ text: String, limit: Int = 10) throws -> [SearchHit] {
        var hits: [SearchHit] = []
        if let state { hits += try Self.searchRepository(state, text, limit: limit) }
        if let docs { hits += try DocsCache(store: docs, clock: .system).search(text, limit: limit) }
        return Array(hits.sorted { $0.rank < $1.rank }.prefix(limit))
    }

    static func searchRepository(_ store: Store, _ text: String, limit: Int) throws -> [SearchHit] {
        guard let match = FullTextQuery.make(text) else { return [] }
        return try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.kind, c.title, c.location, c.body, c.source, repo_chunk_fts.rank AS rank
                FROM repo_chunk_fts JOIN repo_chunk c ON c.id = repo_chunk_fts.rowid
                WHERE repo_chunk_fts MATCH ? ORDER BY rank LIMIT ?
                """, arguments: [match, limit]).map { row in
                let kind: String = row["kind"]
                return SearchHit(source: kind == "lesson" ? .lesson : .repository, title: row["title"],
                                 location: row["location"], library: nil,
                                 excerpt: FullTextQuery.excerpt(row["body"], for: text), rank: row["rank"],
                                 lessonID: kind == "lesson" ? lessonID(source: row["source"]) : nil)
            }
        }
    }

    /// `lesson:ID` (local) or `file:.promptmcp/lessons/ID.md` (team).
    static func lessonID(source: String) -> String {
        if source.hasPrefix("lesson:") { return String(source.dropFirst(7)) }
        return ((source as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}
