import Foundation
import GRDB

/// One task of the project's task list (`promptmcp_todo`).
public struct Todo: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case inProgress = "in_progress"
        case blocked
        case done
    }

    /// Ordered: a list shows the most urgent first.
    public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
        case low, normal, high, urgent

        var rank: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (a: Priority, b: Priority) -> Bool { a.rank < b.rank }
    }

    public var id: Int64
    public var title: String
    public var notes: String
    public var status: Status
    public var priority: Priority
    public var tags: [String]
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?
}

/// Which tasks a list shows. Empty fields do not filter.
public struct TodoFilter: Sendable {
    public var statuses: [Todo.Status] = []
    /// Tasks of at least this priority.
    public var minimumPriority: Todo.Priority?
    /// Tasks carrying every one of these tags.
    public var tags: [String] = []
    /// Words that must appear in the title or the notes.
    public var text: String?
    /// Done tasks are left out unless asked for (or named in `statuses`).
    public var includeDone = false
    public var limit = 50

    public init() {}
}

/// Fields to change; nil leaves a field as it is.
public struct TodoChange: Sendable {
    public var title: String?
    public var notes: String?
    public var status: Todo.Status?
    public var priority: Todo.Priority?
    public var tags: [String]?

    public init(title: String? = nil, notes: String? = nil, status: Todo.Status? = nil,
                priority: Todo.Priority? = nil, tags: [String]? = nil) {
        self.title = title
        self.notes = notes
        self.status = status
        self.priority = priority
        self.tags = tags
    }

    public var isEmpty: Bool { title == nil && notes == nil && status == nil && priority == nil && tags == nil }
}

/// The clone's task list, in the state store.
public struct TodoList: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknown(Int64)

        public var description: String {
            switch self {
            case .unknown(let id): return "there is no task \(id) (the list action shows the tasks and their ids)"
            }
        }
    }

    let store: Store
    let clock: WallClock

    public init(store: Store, clock: WallClock = .system) {
        self.store = store
        self.clock = clock
    }

    public func create(title: String, notes: String = "", priority: Todo.Priority = .normal, tags: [String] = []) throws -> Todo {
        let now = clock.now().timeIntervalSince1970
        let id = try store.write { db in
            try db.execute(sql: """
                INSERT INTO todo (title, notes, status, priority, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [title, notes, Todo.Status.open.rawValue, priority.rawValue, Self.encode(tags), now, now])
            return db.lastInsertedRowID
        }
        return try todo(id)
    }

    /// The tasks the filter selects, most urgent first, then oldest first; and how many matched
    /// before the limit.
    public func list(_ filter: TodoFilter) throws -> (todos: [Todo], total: Int) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if !filter.statuses.isEmpty {
            conditions.append("status IN (\(filter.statuses.map { _ in "?" }.joined(separator: ", ")))")
            for status in filter.statuses { arguments += [status.rawValue] }
        } else if !filter.includeDone {
            conditions.append("status != 'done'")
        }
        if let minimum = filter.minimumPriority {
            let allowed = Todo.Priority.allCases.filter { $0 >= minimum }
            conditions.append("priority IN (\(allowed.map { _ in "?" }.joined(separator: ", ")))")
            for priority in allowed { arguments += [priority.rawValue] }
        }
        for tag in filter.tags {
            conditions.append("tags LIKE ? ESCAPE '\\'")
            arguments += ["%|" + Self.escapeLike(tag) + "|%"]
        }
        for word in (filter.text ?? "").split(whereSeparator: \.isWhitespace) {
            conditions.append("(title LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\')")
            let pattern = "%" + Self.escapeLike(String(word)) + "%"
            arguments += [pattern, pattern]
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let rows = try store.read { db in try Row.fetchAll(db, sql: "SELECT * FROM todo" + whereClause, arguments: arguments) }
        let todos = rows.map(Self.todo).sorted { ($1.priority, $0.createdAt, $0.id) < ($0.priority, $1.createdAt, $1.id) }
        return (Array(todos.prefix(filter.limit)), todos.count)
    }

    public func todo(_ id: Int64) throws -> Todo {
        guard let row = try store.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM todo WHERE id = ?", arguments: [id]) }) else {
            throw Failure.unknown(id)
        }
        return Self.todo(row)
    }

    public func update(_ id: Int64, _ change: TodoChange) throws -> Todo {
        var current = try todo(id)
        if let title = change.title { current.title = title }
        if let notes = change.notes { current.notes = notes }
        if let priority = change.priority { current.priority = priority }
        if let tags = change.tags { current.tags = tags }
        if let status = change.status {
            // Reopening clears the completion time; finishing sets it once.
            if status != .done { current.completedAt = nil } else if current.status != .done { current.completedAt = clock.now() }
            current.status = status
        }
        current.updatedAt = clock.now()
        try store.write { db in
            try db.execute(sql: """
                UPDATE todo SET title = ?, notes = ?, status = ?, priority = ?, tags = ?, updated_at = ?, completed_at = ? WHERE id = ?
                """, arguments: [current.title, current.notes, current.status.rawValue, current.priority.rawValue,
                                 Self.encode(current.tags), current.updatedAt.timeIntervalSince1970,
                                 current.completedAt?.timeIntervalSince1970, id])
        }
        return current
    }

    public func complete(_ id: Int64) throws -> Todo {
        try update(id, TodoChange(status: .done))
    }

    /// Deletes a task and returns what it was.
    public func delete(_ id: Int64) throws -> Todo {
        let todo = try todo(id)
        try store.write { db in try db.execute(sql: "DELETE FROM todo WHERE id = ?", arguments: [id]) }
        return todo
    }

    public func count() throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM todo") ?? 0 }
    }

    private static func todo(_ row: Row) -> Todo {
        let completed: Double? = row["completed_at"]
        return Todo(id: row["id"], title: row["title"], notes: row["notes"],
                    status: Todo.Status(rawValue: row["status"]) ?? .open,
                    priority: Todo.Priority(rawValue: row["priority"]) ?? .normal,
                    tags: decode(row["tags"]), createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
                    completedAt: completed.map(Date.init(timeIntervalSince1970:)))
    }

    private static func encode(_ tags: [String]) -> String { tags.isEmpty ? "" : "|" + tags.joined(separator: "|") + "|" }
    private static func decode(_ text: String) -> [String] { text.split(separator: "|").map(String.init) }
    private static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
