import ArgumentParser
import Foundation
import PromptMCPKit

struct MCP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the repository's policy to an AI coding agent: an MCP server over stdio.",
        discussion: """
        Tools: promptmcp_enhance (a prompt with the project's policy, facts, lessons and docs), \
        promptmcp_todo (the project's task list), promptmcp_check (judge the staged change, proposed \
        edits or a diff without touching the repository), promptmcp_budget (what the caps and rate \
        limits still allow), promptmcp_health. Every call passes the \
        policy gate (schema, repository-bound paths, rate limits from mcp.rate_limits, protected paths) \
        and is recorded: `promptmcp audit` lists the calls. Logs go to standard error; standard output \
        is the protocol. Your MCP client starts this; `--print-config` prints its configuration.

        The server is the promptmcp-mcp binary installed beside promptmcp (it links the MCP SDK, which \
        the git hooks' promptmcp does not load).
        """)

    @Flag(help: "Print portable configuration entries for common MCP clients (JSON, and TOML for Codex), then exit.")
    var printConfig = false

    @Option(help: ArgumentHelp("The repository to serve (default: the one around the current directory).", valueName: "path"))
    var repository: String?

    func run() throws {
        if printConfig { return Terminal.out(MCPClientConfig.snippets()) }
        let start = repository ?? FileManager.default.currentDirectoryPath
        let root = try Repository.discover(from: start, environment: [:]).workDirectory
        let rootPath = root.hasSuffix("/") ? String(root.dropLast()) : root
        guard let server = ServerBinary.locate() else {
            throw UsageError("the MCP server binary promptmcp-mcp is not installed beside \(ServerBinary.promptmcpPath()) nor on PATH; ./install.sh installs both")
        }
        try ServerBinary.exec(server, arguments: ["--repository", rootPath])
    }
}

/// Finds and starts `promptmcp-mcp`.
enum ServerBinary {
    static let name = "promptmcp-mcp"

    /// This executable, symlinks resolved: what a client configuration should start.
    static func promptmcpPath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// `$PROMPTMCP_MCP_SERVER`, else beside this executable, else on PATH.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["PROMPTMCP_MCP_SERVER"], !explicit.isEmpty { return explicit }
        let beside = (promptmcpPath() as NSString).deletingLastPathComponent + "/" + name
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Replaces this process, so that the client talks to the server directly and its signals
    /// reach it. Returns only on failure.
    static func exec(_ path: String, arguments: [String]) throws {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        throw UsageError("cannot start \(path): \(reason)")
    }
}
