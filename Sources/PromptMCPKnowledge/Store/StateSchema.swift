import GRDB

/// Per-clone state in `$GIT_DIR/promptmcp/state.sqlite`.
///
/// - `repo_doc`: each indexed repository document with its git blob id (and size and mtime, a
///   cheap prefilter), so re-indexing touches only files whose content changed.
/// - `repo_chunk` + `repo_chunk_fts`: the repository's docs and local lessons, cut into chunks.
///   `source` is `file:PATH` or `lesson:ID`, which is what a re-index deletes by.
/// - `lesson`: local lessons (team lessons are files in `.promptmcp/lessons/`).
/// - `lesson_stat`: usage and confidence of every lesson, local or team: counters change on
///   every use, so committing them would make every clone conflict.
///
/// Other per-clone features add their own migrations to `StateSchema.migrator`.
public enum StateSchema {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("knowledge-v1") { db in
            try db.execute(sql: """
                CREATE TABLE repo_doc (
                    path TEXT PRIMARY KEY NOT NULL,
                    blob_id TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    mtime REAL NOT NULL
                );
                CREATE TABLE repo_chunk (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    title TEXT NOT NULL DEFAULT '',
                    location TEXT NOT NULL,
                    body TEXT NOT NULL
                );
                CREATE INDEX repo_chunk_source ON repo_chunk(source);
                CREATE TABLE lesson (
                    id TEXT PRIMARY KEY NOT NULL,
                    title TEXT NOT NULL,
                    rule TEXT,
                    paths TEXT,
                    fix TEXT NOT NULL DEFAULT '',
                    origin TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE lesson_stat (
                    id TEXT PRIMARY KEY NOT NULL,
                    uses INTEGER NOT NULL DEFAULT 0,
                    helped INTEGER NOT NULL DEFAULT 0,
                    confidence REAL NOT NULL,
                    touched_at REAL NOT NULL
                );
                """)
            try FTSTables.create(db, table: "repo_chunk_fts", content: "repo_chunk")
        }
        AgentSchema.register(in: &migrator)
        return migrator
    }
}
