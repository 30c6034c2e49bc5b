import Foundation
import GRDB

extension DocsCache {
    /// Full-text search over every cached and imported chunk, optionally within one library
    /// (and version), best first.
    func search(_ text: String, library: LibraryID? = nil, limit: Int) throws -> [SearchHit] {
        guard let match = FullTextQuery.make(text) else { return [] }
        var sql = """
            SELECT c.title, c.url, c.library_id, c.version, c.body, chunk_fts.rank AS rank
            FROM chunk_fts JOIN chunk c ON c.id = chunk_fts.rowid
            WHERE chunk_fts MATCH ?
            """
        var arguments: StatementArguments = [match]
        if let library {
            sql += " AND c.library_id = ?"
            arguments += [library.base]
            if let version = library.version {
                sql += " AND c.version = ?"
                arguments += [version]
            }
        }
        sql += " ORDER BY rank LIMIT ?"
        arguments += [limit]
        return try store.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let libraryID: String? = row["library_id"]
                let version: String? = row["version"]
                return SearchHit(source: .docs, title: row["title"], location: row["url"] ?? "",
                                 library: libraryID.map { id in version.map { id + "@" + $0 } ?? id },
                                 excerpt: FullTextQuery.excerpt(row["body"], for: text), rank: row["rank"])
            }
        }
    }

    /// The snippets stored for one entry, in the order the service sent them.
    func snippets(ofEntry key: String) throws -> [DocSnippet] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT title, body, url FROM chunk WHERE entry_key = ? ORDER BY id", arguments: [key])
                .map { DocSnippet(title: $0["title"], body: $0["body"], url: $0["url"]) }
        }
    }

    /// The best chunks of a library for a question, as snippets (the offline answer to `docs get`).
    func localAnswer(_ library: LibraryID, query: String, limit: Int) throws -> [DocSnippet] {
        guard let match = FullTextQuery.make(query) else {
            return try store.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT title, body, url FROM chunk WHERE library_id = ? AND (version = ? OR ? IS NULL) ORDER BY id LIMIT ?
                    """, arguments: [library.base, library.version, library.version, limit])
                    .map { DocSnippet(title: $0["title"], body: $0["body"], url: $0["url"]) }
            }
        }
        return try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.title, c.body, c.url FROM chunk_fts JOIN chunk c ON c.id = chunk_fts.rowid
                WHERE chunk_fts MATCH ? AND c.library_id = ? AND (c.version = ? OR ? IS NULL)
                ORDER BY chunk_fts.rank LIMIT ?
                """, arguments: [match, library.base, library.version, library.version, limit])
                .map { DocSnippet(title: $0["title"], body: $0["body"], url: $0["url"]) }
        }
    }
}
