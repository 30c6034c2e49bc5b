import Foundation
import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// `promptmcp_budget`: what the caps and rate limits still allow an agent, since the last commit
/// (staged and unstaged changes counted), for the paths it means to edit; and how many calls of
/// each tool its MCP rate limits leave. Judged with the agent tier of the policy (`agents:`).
struct BudgetTool: ServerTool {
    let name = "promptmcp_budget"
    let title = "What the policy still allows"
    let summary = """
        How much the policy's caps and rate limits still allow since the last commit (everything changed, \
        staged or not, counts), judged by the agent tier (agents: in the policy): files and lines for the whole \
        change, and for each of paths its line cap, whether it is protected, and the rate limits that cover it; \
        then the calls each MCP tool has left. Call it before a large edit.
        """
    let annotations = Tool.Annotations(readOnlyHint: true, idempotentHint: true, openWorldHint: false)
    let schema = Schema.object([
        .init("paths", .array(.string(maxBytes: PathConfinement.maxPathBytes, minLength: 1), maxItems: 100),
              "Files you mean to edit, relative to the repository root."),
    ])

    private static let allowance = OutputShape.object([("limit", .integer), ("used", .integer), ("left", .nullable(.integer))])
    let output = OutputShape.object([
        ("policy", .string), ("tier", .string),
        ("files", allowance), ("lines", allowance),
        ("paths", .array(.object([
            ("path", .string), ("protected", .boolean), ("lines", allowance),
            ("rate_limits", .array(.object([("paths", .string), ("window_s", .integer),
                                            ("commits", .nullable(allowance)), ("lines", .nullable(allowance))]))),
        ]))),
        ("mcp_rate_limits", .dictionary(.object([("per_seconds", .integer), ("limit", .integer), ("used", .integer), ("left", .nullable(.integer))]))),
    ])

    func run(_ arguments: Arguments, _ call: CallContext) throws -> ToolOutput {
        let resolved = try call.resolvedPolicy()
        let paths = try (arguments.strings("paths") ?? []).enumerated().map { index, path in
            try call.workspace.paths.resolve(path, argument: "arguments.paths[\(index)]")
        }
        let tier = resolved.policy.agentTier()
        let budget = try SessionBudget.measure(tier, in: call.repository, paths: paths, author: call.repository.authorEmail(),
                                               now: Int64(call.workspace.clock.now().timeIntervalSince1970))
        let log = try call.workspace.auditLog
        let calls = try Dictionary(uniqueKeysWithValues: resolved.policy.mcp.rateLimits.map { tool, rate in
            let used = try log.calls(of: tool, within: rate.value.perSeconds)
            return (tool, Self.object(SessionBudget.Allowance(limit: rate.value.count, used: used), perSeconds: rate.value.perSeconds))
        })
        let structured: JSONValue = [
            "policy": .string(resolved.source), "tier": .string(resolved.policy.agents == nil ? "people (no agents: section)" : "agents"),
            "files": Self.object(budget.files), "lines": Self.object(budget.lines),
            "paths": .array(budget.paths.map(Self.object)), "mcp_rate_limits": JSONValue(calls),
        ]
        return ToolOutput(summary: budget.description, structured: structured, detail: "\(paths.count) paths")
    }

    private static func object(_ allowance: SessionBudget.Allowance, perSeconds: Int? = nil) -> JSONValue {
        var members: [String: JSONValue] = ["limit": .int(allowance.limit), "used": .int(allowance.used), "left": JSONValue(allowance.left)]
        if let perSeconds { members["per_seconds"] = .int(perSeconds) }
        return JSONValue(members)
    }

    private static func object(_ path: SessionBudget.PathBudget) -> JSONValue {
        ["path": .string(path.path), "protected": .bool(path.protected), "lines": object(path.lines),
         "rate_limits": .array(path.rateLimits.map { rate in
             ["paths": .string(rate.paths), "window_s": .int(rate.windowSeconds),
              "commits": rate.commits.map { object($0) } ?? .null, "lines": rate.lines.map { object($0) } ?? .null]
         })]
    }
}
