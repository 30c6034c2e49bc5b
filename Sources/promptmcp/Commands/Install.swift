import ArgumentParser
import PromptMCPKit

struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install the git hooks that run promptmcp on every commit, or an AI coding agent's hook.",
        discussion: """
        Writes small shell shims into the repository's hooks folder (core.hooksPath when set). \
        A hook already there is kept: it is renamed to NAME\(HookScript.chainedSuffix) and runs \
        before promptmcp. `git commit --no-verify` skips hooks; run promptmcp in CI as the backstop.

        With --agent, merges a hook into that agent's project settings instead (\(AgentKind.allCases.map(\.rawValue).joined(separator: ", "))), \
        so that the agent runs `promptmcp agent-hook` before each edit and shell command; every other entry \
        of the file is kept, and installing again changes nothing.
        """
    )

    @Option(help: ArgumentHelp("Install the hook of this AI coding agent: \(AgentKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "agent"))
    var agent: AgentKind?

    @Option(name: .customLong("print"), help: ArgumentHelp(
        "Print the shim for this hook (\(HookScript.supported.joined(separator: ", "))) instead of installing, for hook managers.",
        valueName: "hook"))
    var printHook: String?

    func validate() throws {
        if let printHook, !HookScript.supported.contains(printHook) {
            throw ValidationError("no shim for '\(printHook)'; there are: \(HookScript.supported.joined(separator: ", "))")
        }
    }

    func run() throws {
        if let printHook { return Terminal.out(HookScript.text(for: printHook)) }
        if let agent { return try AgentSettingsOutput.install(agent) }
        let installer = HookInstaller(repository: try Repository.current())
        for action in try installer.install() { Terminal.out("\(action)\n") }
        Terminal.out("next: `git commit` now runs `promptmcp check`; try it with `promptmcp check` on a staged change\n")
    }
}

struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove promptmcp's git hooks and put back any hook they had chained, or an agent's promptmcp hook.")

    @Option(help: ArgumentHelp("Take promptmcp's hook out of this agent's settings, and nothing else.", valueName: "agent"))
    var agent: AgentKind?

    func run() throws {
        if let agent { return try AgentSettingsOutput.uninstall(agent) }
        let actions = try HookInstaller(repository: try Repository.current()).uninstall()
        if actions.isEmpty { Terminal.out("no promptmcp hooks were installed\n") }
        for action in actions { Terminal.out("\(action)\n") }
    }
}

extension AgentKind: ExpressibleByArgument {}

/// What `install --agent` and `uninstall --agent` say.
enum AgentSettingsOutput {
    static func install(_ agent: AgentKind) throws {
        let settings = AgentSettings(agent: agent, root: try Repository.current().workDirectory)
        do {
            switch try settings.install() {
            case .unchanged: Terminal.out("\(settings.file): promptmcp's \(agent.displayName) hook is already there; nothing changed\n")
            default: Terminal.out("\(settings.file): merged promptmcp's \(agent.displayName) hook (every other entry kept):\n\(settings.snippet)")
            }
        } catch let failure as AgentSettings.Failure {
            throw UsageError(failure.description)
        }
        Terminal.out("next: commit \(settings.file), and have promptmcp on PATH; `promptmcp uninstall --agent \(agent.rawValue)` takes it out\n")
    }

    static func uninstall(_ agent: AgentKind) throws {
        let settings = AgentSettings(agent: agent, root: try Repository.current().workDirectory)
        do {
            switch try settings.uninstall() {
            case .absent: Terminal.out("\(settings.file) does not exist; nothing to remove\n")
            case .unchanged: Terminal.out("\(settings.file) holds no promptmcp hook; nothing changed\n")
            case .deleted: Terminal.out("\(settings.file): removed promptmcp's hook; nothing else was left, so the file is deleted\n")
            default: Terminal.out("\(settings.file): removed promptmcp's hook; every other entry kept\n")
            }
        } catch let failure as AgentSettings.Failure {
            throw UsageError(failure.description)
        }
    }
}
