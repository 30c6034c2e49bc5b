import GRDB

/// The MCP server's tables in the per-clone state store.
///
/// - `audit`: one row per tool call: which tool, a digest of its arguments (never the arguments,
///   which can hold file contents and secrets), the outcome, the duration and a correlation id.
///   Rate limits count these rows, so they hold across server restarts and concurrent servers.
/// - `todo`: the project's task list. Tags are stored as `|a|b|` so that a tag filter is a LIKE.
enum AgentSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("mcp-agent-v1") { db in
            try db.execute(sql: """
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    tool TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    duration_ms REAL,
                    correlation_id TEXT NOT NULL,
                    detail TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX audit_tool_at ON audit(tool, at);
                CREATE TABLE todo (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    notes TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL,
                    priority TEXT NOT NULL,
                    tags TEXT NOT NULL DEFAULT '',
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    completed_at REAL
                );
                """)
        }
    }
}
