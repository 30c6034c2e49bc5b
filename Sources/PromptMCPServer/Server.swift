import Foundation
import MCP
import PromptMCPKit

/// `promptmcp mcp`: an MCP server over stdio for the repository it is started in.
///
/// Handlers are registered before the transport starts (a request that arrives first would
/// otherwise find none). Requests are handled concurrently; the transport answers every request
/// read before input ends, then the process exits.
public enum PromptMCPServer {
    public static let instructions = """
        promptmcp enforces this repository's policy on changes. Before you change files, call \
        promptmcp_enhance with your task; before you commit, call promptmcp_check with your edits (or a \
        diff) and fix what it reports. Keep the shared task list with promptmcp_todo.
        """

    /// Serves until the client closes standard input. Returns the process's exit status.
    public static func run(repository: Repository) async -> Int32 {
        signal(SIGPIPE, SIG_IGN)  // a client that goes away must not kill us mid-write
        _ = HealthTool.started
        let gate = Gate(tools: ToolCatalog.all, workspace: Workspace(repository: repository))
        let server = Server(name: "promptmcp", version: PromptMCPVersion.current, title: "PromptMCP policy gate",
                            instructions: instructions, capabilities: .init(tools: .init(listChanged: false)))
        let tools = gate.tools.map(\.definition)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { params in try await gate.call(params.name, params.arguments) }
        do {
            try await server.start(transport: LineTransport(logger: Log.sdkLogger))
        } catch {
            Log.warning("cannot start: \(error)")
            return 3
        }
        Log.info("serving \(repository.workDirectory) (promptmcp \(PromptMCPVersion.current), pid \(getpid()))")
        await server.waitUntilCompleted()
        return 0
    }

    /// The `promptmcp-mcp` executable's entry: `[--repository PATH]`.
    public static func main(_ arguments: [String]) async -> Int32 {
        var path: String?
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--repository", "-C":
                guard let value = rest.popFirst() else { return usage("--repository needs a path") }
                path = value
            case "--version": print(PromptMCPVersion.current); return 0
            case "--help", "-h": print(help); return 0
            default: return usage("unknown argument '\(argument)'")
            }
        }
        let repository: Repository
        do {
            repository = try Repository.discover(from: path ?? FileManager.default.currentDirectoryPath, environment: [:])
        } catch {
            Log.warning("\(error); start the server inside a git repository, or pass --repository PATH")
            return 3
        }
        return await run(repository: repository)
    }

    static let help = """
        usage: promptmcp mcp [--repository PATH]
        An MCP server over stdio for the git repository at PATH (default: the current directory).
        Tools: \(MCPPolicy.toolNames.joined(separator: ", ")). Logs go to standard error.
        """

    private static func usage(_ message: String) -> Int32 {
        Log.warning(message + "\n" + help)
        return 2
    }
}
