import GRDB

/// The documentation cache's tables (the user's cache folder, shared by all repositories).
///
/// - `entry`: one answer as received (a library search, a context query) or one imported
///   Markdown file, with the times that drive TTL and LRU eviction. Imported entries are pinned:
///   they cannot be fetched again, so neither TTL nor the size cap removes them.
/// - `chunk` + `chunk_fts`: the entry cut into snippets for FTS5 search and URL lookups;
///   deleting an entry deletes its chunks (foreign key) and their index rows (triggers).
/// - `library`: libraries seen in search results or imports, for citations.
/// - `breaker`, `pending`: the circuit breaker and the queue of questions asked while offline,
///   both kept here so that they survive the process.
enum CacheSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("docs-cache-v1") { db in
            try db.execute(sql: """
                CREATE TABLE entry (
                    key TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    library_id TEXT,
                    version TEXT,
                    query TEXT NOT NULL DEFAULT '',
                    body BLOB NOT NULL,
                    bytes INTEGER NOT NULL,
                    fetched_at REAL NOT NULL,
                    accessed_at REAL NOT NULL,
                    pinned INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX entry_lru ON entry(pinned, accessed_at);
                CREATE INDEX entry_library ON entry(library_id, version);
                CREATE TABLE chunk (
                    id INTEGER PRIMARY KEY,
                    entry_key TEXT NOT NULL REFERENCES entry(key) ON DELETE CASCADE,
                    library_id TEXT,
                    version TEXT,
                    title TEXT NOT NULL DEFAULT '',
                    url TEXT,
                    body TEXT NOT NULL
                );
                CREATE INDEX chunk_entry ON chunk(entry_key);
                CREATE INDEX chunk_url ON chunk(url);
                CREATE INDEX chunk_library ON chunk(library_id, version);
                CREATE TABLE library (
                    id TEXT PRIMARY KEY NOT NULL,
                    title TEXT NOT NULL DEFAULT '',
                    description TEXT NOT NULL DEFAULT '',
                    versions TEXT NOT NULL DEFAULT '',
                    total_snippets INTEGER,
                    trust_score REAL,
                    seen_at REAL NOT NULL
                );
                CREATE TABLE breaker (
                    service TEXT PRIMARY KEY NOT NULL,
                    state TEXT NOT NULL,
                    failures INTEGER NOT NULL DEFAULT 0,
                    open_until REAL NOT NULL DEFAULT 0,
                    probe_started_at REAL NOT NULL DEFAULT 0,
                    opened_count INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT NOT NULL DEFAULT ''
                );
                CREATE TABLE pending (
                    key TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    query TEXT NOT NULL DEFAULT '',
                    asked_at REAL NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT NOT NULL DEFAULT ''
                );
                """)
            try FTSTables.create(db, table: "chunk_fts", content: "chunk")
        }
        return migrator
    }
}

/// FTS5 tables kept in step with an ordinary content table by triggers, so that the text is
/// stored once and every write path (insert, delete, cascade) updates the index.
enum FTSTables {
    static func create(_ db: Database, table: String, content: String) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE \(table) USING fts5(
                title, body, content='\(content)', content_rowid='id', tokenize='porter unicode61');
            CREATE TRIGGER \(content)_ai AFTER INSERT ON \(content) BEGIN
                INSERT INTO \(table)(rowid, title, body) VALUES (new.id, new.title, new.body);
            END;
            CREATE TRIGGER \(content)_ad AFTER DELETE ON \(content) BEGIN
                INSERT INTO \(table)(\(table), rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
            END;
            CREATE TRIGGER \(content)_au AFTER UPDATE ON \(content) BEGIN
                INSERT INTO \(table)(\(table), rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
                INSERT INTO \(table)(rowid, title, body) VALUES (new.id, new.title, new.body);
            END;
            INSERT INTO \(table)(\(table), rank) VALUES ('rank', 'bm25(4.0, 1.0)');
            """)
    }
}
