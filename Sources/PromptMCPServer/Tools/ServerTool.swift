import MCP
import PromptMCPKit

/// One tool of the server: its name, what `tools/list` says about it, its input schema (which
/// the gate checks every call against before `run` sees it) and the work itself.
protocol ServerTool: Sendable {
    var name: String { get }
    var title: String { get }
    var summary: String { get }
    var schema: Schema { get }
    var annotations: Tool.Annotations { get }
    /// The shape of the answer's `structuredContent`.
    var output: OutputShape { get }
    /// Runs on a worker thread; throws `ToolFailure` for a refusal a client can act on.
    func run(_ arguments: Arguments, _ call: CallContext) throws -> ToolOutput
}

extension ServerTool {
    var definition: Tool {
        Tool(name: name, title: title, description: summary, inputSchema: schema.json, annotations: annotations,
             outputSchema: output.json)
    }
}

/// What one call works with: its own repository handle, the policy judging the staged change
/// (or why it could not be read), and the id that ties the answer to its audit record.
struct CallContext {
    let workspace: Workspace
    let repository: Repository
    let policy: Result<ResolvedPolicy, Error>
    let correlationID: String

    /// The policy, or a failure that names the broken policy file.
    func resolvedPolicy() throws -> ResolvedPolicy {
        do { return try policy.get() } catch let error as PolicyError {
            throw ToolFailure.failed("the policy cannot be read; fix it (promptmcp config validate shows every problem):\n\(error)")
        }
    }
}

/// The server's tools, in the order `tools/list` shows them.
enum ToolCatalog {
    static let all: [any ServerTool] = [EnhanceTool(), TodoTool(), CheckTool(), BudgetTool(), HealthTool()]
}
