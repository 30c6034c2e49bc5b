import Foundation
import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// `promptmcp_health`: whether the server can do its work, part by part, as JSON. Each part
/// reports its own problem instead of failing the call: a broken policy is exactly what a
/// health check must be able to say.
struct HealthTool: ServerTool {
    let name = "promptmcp_health"
    let title = "Server health"
    let summary = """
        Version, repository (root, branch, HEAD), policy status (which file, problems, MCP rate limits), \
        the clone's store (audit records, todos), the offline documentation cache and its circuit breaker.
        """
    let annotations = Tool.Annotations(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
    let schema = Schema.object([])
    let output = OutputShape.object([
        ("version", .string), ("server", .object([("pid", .integer), ("uptime_s", .number)])),
        ("repository", .object([("root", .string), ("branch", .nullable(.string)), ("head", .nullable(.string))])),
        ("policy", .object([("status", .string)])), ("store", .object([("status", .string)])),
        ("cache", .object([("status", .string)])), ("breaker", .object([("state", .string)])),
    ])
    /// When the server started, for its uptime.
    static let started = Date()

    func run(_ arguments: Arguments, _ call: CallContext) throws -> ToolOutput {
        let report: [String: JSONValue] = [
            "version": .string(PromptMCPVersion.current),
            "server": ["pid": .int(Int(getpid())), "uptime_s": .double((Date().timeIntervalSince(Self.started) * 10).rounded() / 10)],
            "repository": repository(call.repository),
            "policy": policy(call.policy),
            "store": store(call.workspace),
        ].merging(docs(call.workspace)) { $1 }
        let parts = ["policy", "store", "cache"].map { part in "\(part) \(Self.status(report[part]) ?? "?")" }
        return ToolOutput(summary: "promptmcp \(PromptMCPVersion.current): " + parts.joined(separator: ", "), structured: JSONValue(report), detail: "")
    }

    private static func status(_ part: JSONValue?) -> String? {
        guard case .object(let members)? = part, case .string(let status)? = members.first(where: { $0.key == "status" })?.value else { return nil }
        return status
    }

    private func repository(_ repository: Repository) -> JSONValue {
        let head = repository.isHeadUnborn ? nil : try? repository.resolveCommit("HEAD")
        return [
            "root": .string(repository.workDirectory),
            "branch": JSONValue(repository.headBranch),
            "head": JSONValue(head?.hex),
        ]
    }

    private func policy(_ result: Result<ResolvedPolicy, Error>) -> JSONValue {
        switch result {
        case .success(let resolved):
            let limits = resolved.policy.mcp.rateLimits.mapValues { JSONValue.string("\($0.value.count) per \($0.value.perSeconds) s") }
            return ["status": "ok", "source": .string(resolved.source), "notes": JSONValue(resolved.notes), "rate_limits": JSONValue(limits)]
        case .failure(let error):
            let problems = (error as? PolicyError)?.diagnostics.map(\.description) ?? ["\(error)"]
            return ["status": "invalid", "problems": JSONValue(problems)]
        }
    }

    private func store(_ workspace: Workspace) -> JSONValue {
        do {
            let store = try workspace.stateStore()
            var object: [String: JSONValue] = [
                "status": store.recovery == nil ? "ok" : "recovered", "path": .string(store.path),
                "audit_records": .int(try AuditLog(store: store).count()), "todos": .int(try TodoList(store: store).count()),
            ]
            object["last_recovery"] = Self.recovery(store)
            return JSONValue(object)
        } catch {
            return ["status": "error", "error": .string("\(error)")]
        }
    }

    /// The documentation cache and its breaker; nothing is created when there is no cache yet.
    private func docs(_ workspace: Workspace) -> [String: JSONValue] {
        let settings = DocsSettings.fromEnvironment(workspace.environment)
        let opened = workspace.docsStoreResult()
        if case .failure(let error)? = opened {
            return ["cache": ["status": "damaged", "error": .string("\(error)")], "breaker": ["state": "unknown"]]
        }
        guard case .success(let store)? = opened else {
            return ["cache": ["status": "absent", "path": .string(StorePaths.cacheDatabase(environment: workspace.environment)), "offline": .bool(settings.offline)],
                    "breaker": ["state": "closed", "failures": 0, "open_until": nil, "last_error": ""]]
        }
        do {
            let status = try DocsService(store: store, client: Context7Client.fromEnvironment(workspace.environment), settings: settings).status()
            let cache: JSONValue = ["status": store.recovery == nil ? "ok" : "recovered", "path": .string(status.cachePath),
                                    "entries": .int(status.statistics.entries),
                                    "bytes": .int(status.statistics.bytes), "libraries": .int(status.statistics.libraries),
                                    "pending": .int(status.pending.count), "offline": .bool(status.offline),
                                    "last_recovery": Self.recovery(store)]
            let breaker: JSONValue = ["state": .string(status.breaker.state.rawValue), "failures": .int(status.breaker.failures),
                                      "open_until": JSONValue(status.breaker.openUntil.map { ISO8601DateFormatter().string(from: $0) }),
                                      "last_error": .string(status.breaker.lastError)]
            return ["cache": cache, "breaker": breaker]
        } catch {
            return ["cache": ["status": "error", "error": .string("\(error)")], "breaker": ["state": "unknown"]]
        }
    }

    /// The last time a store was found damaged and rebuilt (now or earlier), or null.
    private static func recovery(_ store: Store) -> JSONValue {
        guard let recovery = store.recovery ?? StoreRecovery.last(of: store.path) else { return nil }
        return ["at": .string(ISO8601DateFormatter().string(from: recovery.at)), "problem": .string(recovery.problem),
                "quarantined": .string(recovery.quarantinedCopy), "recovered_rows": .int(recovery.totalRecovered),
                "unreadable_rows": .int(recovery.unreadableRows)]
    }
}
