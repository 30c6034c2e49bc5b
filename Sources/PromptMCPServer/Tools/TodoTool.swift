import Foundation
import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// `promptmcp_todo`: the project's task list, kept in the clone's store so that every session
/// of an agent (and every agent) working in this clone sees the same list.
struct TodoTool: ServerTool {
    let name = "promptmcp_todo"
    let title = "Project task list"
    let summary = """
        The project's task list, shared by every session in this clone. action: create (title; notes, \
        priority, tags), list (filters: status, priority = at least this priority, tags = all of them, \
        query = words in title or notes, includeDone, limit), update (id and the fields to change), \
        complete (id), delete (id). Answers with JSON.
        """
    let annotations = Tool.Annotations(readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false)
    /// One of `todo` (create, update, complete), `deleted`, or `todos` with `total` (list).
    let output = OutputShape.anyOf([.object([("todo", Self.todo)]), .object([("deleted", Self.todo)]),
                                    .object([("todos", .array(Self.todo)), ("total", .integer)])])
    private static let todo = OutputShape.object([
        ("id", .integer), ("title", .string), ("notes", .string), ("status", .string), ("priority", .string),
        ("tags", .array(.string)), ("created_at", .string), ("updated_at", .string), ("completed_at", .nullable(.string)),
    ])

    let schema = Schema.object([
        .init("action", .choice(["create", "list", "update", "complete", "delete"]), "What to do."),
        .init("id", .integer(minimum: 1, maximum: Int(Int32.max)), "The task (update, complete, delete)."),
        .init("title", .string(maxBytes: 500, minLength: 1), "One line (create; update)."),
        .init("notes", .string(maxBytes: 20_000), "Details (create; update)."),
        .init("status", .choice(Todo.Status.allCases.map(\.rawValue)), "update: the new status; list: only tasks with it."),
        .init("priority", .choice(Todo.Priority.allCases.map(\.rawValue)), "create/update: the priority (default normal); list: at least this priority."),
        .init("tags", .array(.string(maxBytes: 64, minLength: 1), maxItems: 20), "create/update: the tags (replacing them); list: tasks with all of them."),
        .init("query", .string(maxBytes: 500), "list: words that must appear in the title or notes."),
        .init("includeDone", .boolean, "list: include done tasks (default false)."),
        .init("limit", .integer(minimum: 1, maximum: 500), "list: at most this many tasks (default 50)."),
    ], required: ["action"])

    /// Which arguments each action takes: a filter given to `create` is a mistake to report.
    private static let accepted: [String: Set<String>] = [
        "create": ["title", "notes", "priority", "tags"],
        "list": ["status", "priority", "tags", "query", "includeDone", "limit"],
        "update": ["id", "title", "notes", "status", "priority", "tags"],
        "complete": ["id"],
        "delete": ["id"],
    ]

    func run(_ arguments: Arguments, _ call: CallContext) throws -> ToolOutput {
        let action = arguments.string("action") ?? ""
        try checkFits(action, arguments)
        let list = TodoList(store: try call.workspace.stateStore(), clock: call.workspace.clock)
        do {
            switch action {
            case "create": return answer("todo", try create(arguments, list), "created")
            case "list": return try listing(arguments, list)
            case "update": return answer("todo", try list.update(id(arguments), change(arguments)), "updated")
            case "complete": return answer("todo", try list.complete(id(arguments)), "completed")
            default: return answer("deleted", try list.delete(id(arguments)), "deleted")
            }
        } catch let failure as TodoList.Failure {
            throw ToolFailure.failed(failure.description)
        }
    }

    private func checkFits(_ action: String, _ arguments: Arguments) throws {
        let allowed = Self.accepted[action] ?? []
        let extra = arguments.fields.keys.filter { $0 != "action" && arguments.has($0) && !allowed.contains($0) }.sorted()
        guard extra.isEmpty else {
            throw ToolFailure.invalid("invalid arguments for promptmcp_todo: action '\(action)' does not take \(extra.joined(separator: ", ")); it takes \(allowed.sorted().joined(separator: ", "))")
        }
        if ["update", "complete", "delete"].contains(action), !arguments.has("id") {
            throw ToolFailure.invalid("invalid arguments for promptmcp_todo: action '\(action)' needs the task's id")
        }
        if action == "create", !arguments.has("title") {
            throw ToolFailure.invalid("invalid arguments for promptmcp_todo: action 'create' needs a title")
        }
        if action == "update", arguments.fields.keys.filter({ $0 != "action" && $0 != "id" && arguments.has($0) }).isEmpty {
            throw ToolFailure.invalid("invalid arguments for promptmcp_todo: action 'update' needs a field to change (title, notes, status, priority or tags)")
        }
        if let tag = arguments.strings("tags")?.first(where: { $0.contains("|") }) {
            throw ToolFailure.invalid("arguments.tags: '\(tag)' contains '|', which tags may not")
        }
    }

    private func create(_ arguments: Arguments, _ list: TodoList) throws -> Todo {
        try list.create(title: arguments.string("title") ?? "", notes: arguments.string("notes") ?? "",
                        priority: arguments.string("priority").flatMap(Todo.Priority.init) ?? .normal,
                        tags: arguments.strings("tags") ?? [])
    }

    private func listing(_ arguments: Arguments, _ list: TodoList) throws -> ToolOutput {
        var filter = TodoFilter()
        filter.statuses = arguments.string("status").flatMap(Todo.Status.init).map { [$0] } ?? []
        filter.minimumPriority = arguments.string("priority").flatMap(Todo.Priority.init)
        filter.tags = arguments.strings("tags") ?? []
        filter.text = arguments.string("query")
        filter.includeDone = arguments.bool("includeDone") ?? false
        filter.limit = arguments.int("limit") ?? 50
        let (todos, total) = try list.list(filter)
        let lines = ["\(todos.count) of \(total) tasks"] + todos.map { "- #\($0.id) [\($0.status.rawValue), \($0.priority.rawValue)] \($0.title)" }
        return ToolOutput(summary: lines.joined(separator: "\n"), structured: ["todos": .array(todos.map(object)), "total": .int(total)],
                          detail: "listed")
    }

    private func change(_ arguments: Arguments) -> TodoChange {
        TodoChange(title: arguments.string("title"), notes: arguments.string("notes"),
                   status: arguments.string("status").flatMap(Todo.Status.init),
                   priority: arguments.string("priority").flatMap(Todo.Priority.init), tags: arguments.strings("tags"))
    }

    private func id(_ arguments: Arguments) -> Int64 { Int64(arguments.int("id") ?? 0) }

    private func answer(_ key: String, _ todo: Todo, _ detail: String) -> ToolOutput {
        ToolOutput(summary: "\(detail) task #\(todo.id): \(todo.title) [\(todo.status.rawValue), \(todo.priority.rawValue)]",
                   structured: .object([(key: key, value: object(todo))]), detail: detail)
    }

    private func object(_ todo: Todo) -> JSONValue {
        let format = ISO8601DateFormatter()
        return ["id": .int(Int(todo.id)), "title": .string(todo.title), "notes": .string(todo.notes),
                "status": .string(todo.status.rawValue), "priority": .string(todo.priority.rawValue), "tags": JSONValue(todo.tags),
                "created_at": .string(format.string(from: todo.createdAt)), "updated_at": .string(format.string(from: todo.updatedAt)),
                "completed_at": JSONValue(todo.completedAt.map { format.string(from: $0) })]
    }
}
