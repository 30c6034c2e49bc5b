import ArgumentParser
import Foundation
import PromptMCPKit

@main
struct PromptMCP: ParsableCommand {
    static let version = PromptMCPVersion.current

    static let configuration = CommandConfiguration(
        commandName: "promptmcp",
        abstract: "Enforce a project's policy on git changes: in hooks, in CI, and for AI agents.",
        discussion: """
        Exit status: 0 passed (warnings allowed), 1 policy violations, 2 usage or policy-file \
        error, 3 internal error or the repository could not be read.
        """,
        version: version,
        subcommands: [Check.self, Scan.self, BaselineCommand.self, Test.self, Init.self, Config.self, Explain.self, Rules.self, Install.self, Uninstall.self,
                      AgentHookCommand.self, Docs.self, Search.self, Lessons.self, MCP.self, Audit.self, BenchSandbox.self],
        defaultSubcommand: Check.self
    )

    /// ArgumentParser's own exit statuses are mapped onto ours: usage errors are 2, not 64.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "agent-hook", !arguments.contains(where: { $0 == "--help" || $0 == "-h" }) {
            AgentHookCommand.main(Array(arguments.dropFirst()))
        }
        if let run = HookCommandLine.checkRun(Array(CommandLine.arguments.dropFirst())) {
            // Another thread prepares what the check needs later (the rules' descriptions,
            // ICU's tables) while this one opens the repository; the check runs here, on the
            // thread that is running already: a new one can wait milliseconds for a core. It is
            // joined before exiting, since exit() runs the C++ destructors of ICU's statics.
            let prepared = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                CheckRun.prepare()
                prepared.signal()
            }
            let result = Result { try run.run() }
            prepared.wait()
            do {
                return try result.get()
            } catch {
                Terminal.exit(for: error) { Check.fullMessage(for: $0) } exitCode: { Check.exitCode(for: $0) }
            }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            Terminal.exit(for: error) { fullMessage(for: $0) } exitCode: { exitCode(for: $0) }
        }
    }
}
