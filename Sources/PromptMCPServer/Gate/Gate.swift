import Foundation
import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// The policy gate every tool call passes: the tool must exist, its rate limit (from the
/// policy's `mcp.rate_limits`) must allow the call, its arguments must fit its schema, and
/// every call, admitted or not, leaves an audit record. Tools then refuse paths outside the
/// repository and edits to protected paths themselves, through `PathConfinement` and the check.
struct Gate: Sendable {
    let tools: [any ServerTool]
    let workspace: Workspace
    /// Where calls run: tools block on libgit2 and SQLite, which must not hold up the Swift
    /// concurrency pool (two threads on a two-core machine) that reads and answers messages.
    private let queue = DispatchQueue(label: "promptmcp-mcp.calls", qos: .userInitiated, attributes: .concurrent)

    init(tools: [any ServerTool], workspace: Workspace) {
        self.tools = tools
        self.workspace = workspace
    }

    /// An unknown tool is a protocol error (JSON-RPC -32602, as the MCP specification has it);
    /// everything else is a result, with `isError` set when the call was refused or failed.
    func call(_ name: String, _ arguments: [String: Value]?) async throws -> CallTool.Result {
        let correlationID = Self.makeCorrelationID()
        guard let tool = tools.first(where: { $0.name == name }) else {
            let known = tools.map(\.name).joined(separator: ", ")
            let digest = AuditLog.digest(of: Self.canonicalJSON(Value.object(arguments ?? [:]).unescaped))
            try? workspace.auditLog.record(tool: String(name.prefix(200)), digest: digest, correlationID: correlationID,
                                           outcome: .unknownTool, detail: "")
            Log.call(String(name.prefix(200)), .unknownTool, 0, correlationID)
            throw MCPError.invalidParams("unknown tool '\(name)'; this server's tools: \(known)")
        }
        let output = await withCheckedContinuation { continuation in
            queue.async {
                // Arguments can be megabytes: decoding and hashing them is the worker's job too.
                let value = Value.object(arguments ?? [:]).unescaped
                let digest = AuditLog.digest(of: Self.canonicalJSON(value))
                continuation.resume(returning: self.run(tool, value, digest: digest, correlationID: correlationID))
            }
        }
        let structured = output.structured.map(Value.init)
        let texts = [output.summary] + (structured.map { [$0.compactJSON] } ?? [])
        return CallTool.Result(
            content: texts.map { .text(text: $0, annotations: nil, _meta: nil) },
            structuredContent: structured,
            isError: output.isError,
            _meta: Metadata(additionalFields: ["promptmcp/correlationId": .string(correlationID)])
        )
    }

    private func run(_ tool: any ServerTool, _ arguments: Value, digest: String, correlationID: String) -> ToolOutput {
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000 }
        let log: AuditLog
        let repository: Repository
        do {
            log = try workspace.auditLog
            repository = try workspace.repository()
        } catch {
            // No call runs unrecorded: a gate that cannot write its log refuses.
            return Self.failure("promptmcp cannot open the repository or its audit log: \(error)", .internalError)
        }
        let call = CallContext(workspace: workspace, repository: repository,
                               policy: Result { try PolicySource.forStagedChange(in: repository) }, correlationID: correlationID)
        var output: ToolOutput
        let admission: AuditLog.Admission
        do {
            admission = try log.begin(tool: tool.name, digest: digest, correlationID: correlationID, limit: limit(for: tool, call))
        } catch {
            return Self.failure("promptmcp cannot write its audit log: \(error)", .internalError)
        }
        switch admission {
        case let .limited(_, retryAfter):
            output = Self.failure(rateLimitMessage(tool, call, retryAfter: retryAfter), .rateLimited)
            Log.call(tool.name, .rateLimited, elapsed(), correlationID)
            return output
        case .admitted(let id):
            output = execute(tool, arguments, call)
            try? log.finish(id, outcome: output.outcome, durationMilliseconds: elapsed(), detail: output.detail)
        }
        Log.call(tool.name, output.outcome, elapsed(), correlationID)
        return output
    }

    /// Validation, then the tool; failures become `isError` results that say what to change.
    private func execute(_ tool: any ServerTool, _ arguments: Value, _ call: CallContext) -> ToolOutput {
        let problems = tool.schema.problems(in: arguments)
        guard problems.isEmpty, let fields = arguments.objectValue else {
            let list = problems.map { "- \($0)" }.joined(separator: "\n")
            return Self.failure("invalid arguments for \(tool.name):\n\(list)\n(the input schema is in tools/list)", .invalid,
                                detail: problems.first ?? "")
        }
        do {
            return try tool.run(Arguments(fields), call)
        } catch let failure as ToolFailure {
            return Self.failure(failure.message, failure.outcome, detail: String(failure.message.prefix(200)))
        } catch {
            return Self.failure("\(tool.name) failed: \(error)", .internalError, detail: String("\(error)".prefix(200)))
        }
    }

    private func limit(for tool: any ServerTool, _ call: CallContext) -> (count: Int, perSeconds: Int)? {
        guard let rate = (try? call.policy.get())?.policy.mcp.rateLimits[tool.name]?.value else { return nil }
        return (rate.count, rate.perSeconds)
    }

    private func rateLimitMessage(_ tool: any ServerTool, _ call: CallContext, retryAfter: TimeInterval) -> String {
        let rate = (try? call.policy.get())?.policy.mcp.rateLimits[tool.name]
        let limit = rate.map { "\($0.value.count) calls per \(Self.period($0.value.perSeconds)) (\($0.origin), mcp.rate_limits)" } ?? "its limit"
        return "rate limit reached: \(tool.name) allows \(limit); the next call is allowed in \(Int(retryAfter.rounded(.up))) s"
    }

    static func failure(_ message: String, _ outcome: AuditLog.Outcome, detail: String = "") -> ToolOutput {
        ToolOutput(summary: message, isError: true, outcome: outcome, detail: detail.isEmpty ? String(message.prefix(200)) : detail)
    }

    private static func period(_ seconds: Int) -> String {
        switch seconds {
        case 1: return "second"
        case 60: return "minute"
        case 3600: return "hour"
        case 86_400: return "day"
        default: return "\(seconds) s"
        }
    }

    static func makeCorrelationID() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Sorted keys, so equal arguments give equal digests whatever order the client sent.
    static func canonicalJSON(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }
}
