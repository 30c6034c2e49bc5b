import Foundation
import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// `promptmcp.health`: whether the server can do its work, part by part, as JSON. Each part
/// reports its own problem instead of failing the call: a broken policy is exactly what a
/// health check must be able to say.
struct HealthTool: ServerTool {
    let name = "promptmcp.health"
    let title = "Server health"
    let summary = """
        Version, repository (root, branch, HEAD), policy status (which file, problems, MCP rate limits), \
        the clone's store (audit records, todos), the offline documentation cache and its circuit breaker.
        """
    let annotations = Tool.Annotations(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
    let schema = Schema.object([])
    /// When the server started, for its uptime.
    static let started = Date()

    func run(_ arguments: Arguments, _ call: CallContext) throws -> ToolOutput {
        let report: [String: Any] = [
            "version": PromptMCPVersion.current,
            "server": ["pid": Int(getpid()), "uptime_s": (Date().timeIntervalSince(Self.started) * 10).rounded() / 10] as [String: Any],
            "repository": repository(call.repository),
            "policy": policy(call.policy),
            "store": store(call.workspace),
        ].merging(docs(call.workspace)) { $1 }
        return ToolOutput(texts: [JSONText.render(report)], detail: "")
    }

    private func repository(_ repository: Repository) -> [String: Any] {
        let head = repository.isHeadUnborn ? nil : try? repository.resolveCommit("HEAD")
        return [
            "root": repository.workDirectory,
            "branch": repository.headBranch ?? NSNull(),
            "head": head.map { $0.hex as Any } ?? NSNull(),
        ]
    }

    private func policy(_ result: Result<ResolvedPolicy, Error>) -> [String: Any] {
        switch result {
        case .success(let resolved):
            let limits = resolved.policy.mcp.rateLimits.mapValues { "\($0.value.count) per \($0.value.perSeconds) s" }
            return ["status": "ok", "source": resolved.source, "notes": resolved.notes, "rate_limits": limits]
        case .failure(let error):
            let problems = (error as? PolicyError)?.diagnostics.map(\.description) ?? ["\(error)"]
            return ["status": "invalid", "problems": problems]
        }
    }

    private func store(_ workspace: Workspace) -> [String: Any] {
        do {
            let store = try workspace.stateStore()
            return ["status": "ok", "path": store.path, "audit_records": try AuditLog(store: store).count(),
                    "todos": try TodoList(store: store).count()]
        } catch {
            return ["status": "error", "error": "\(error)"]
        }
    }

    /// The documentation cache and its breaker; nothing is created when there is no cache yet.
    private func docs(_ workspace: Workspace) -> [String: Any] {
        let settings = DocsSettings.fromEnvironment(workspace.environment)
        guard let store = workspace.docsStore() else {
            return ["cache": ["status": "absent", "path": StorePaths.cacheDatabase(environment: workspace.environment), "offline": settings.offline],
                    "breaker": ["state": "closed", "failures": 0, "open_until": NSNull(), "last_error": ""]]
        }
        do {
            let status = try DocsService(store: store, client: Context7Client.fromEnvironment(workspace.environment), settings: settings).status()
            let cache: [String: Any] = ["status": "ok", "path": status.cachePath, "entries": status.statistics.entries,
                                        "bytes": status.statistics.bytes, "libraries": status.statistics.libraries,
                                        "pending": status.pending.count, "offline": status.offline]
            let breaker: [String: Any] = ["state": status.breaker.state.rawValue, "failures": status.breaker.failures,
                                          "open_until": status.breaker.openUntil.map { ISO8601DateFormatter().string(from: $0) as Any } ?? NSNull(),
                                          "last_error": status.breaker.lastError]
            return ["cache": cache, "breaker": breaker]
        } catch {
            return ["cache": ["status": "error", "error": "\(error)"], "breaker": ["state": "unknown"]]
        }
    }
}
