import ArgumentParser
import Foundation
import PromptMCPKit

/// `promptmcp agent-hook --agent NAME`: the command an agent's hook settings run before each
/// tool call (`promptmcp install --agent NAME` writes them). It reads the event on standard
/// input and answers in that agent's protocol. It never fails open: a bad argument, an event it
/// cannot read, a broken policy or a timeout all block the call.
struct AgentHookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent-hook",
        abstract: "Judge an AI coding agent's tool call (its hook event on standard input) before it runs.",
        discussion: """
        Edits (Edit, MultiEdit, Write, apply_patch, replace, write_file, ...) are judged with the pre-commit \
        pipeline and the policy's agents: tier, over everything changed since the last commit plus the edit. \
        Shell commands may not skip git's hooks (--no-verify) nor write to the policy or the hooks. A block \
        is answered in the agent's own protocol, with the rule, file, line, hint and the budget left; \
        anything that goes wrong blocks too. Agents: \(AgentKind.allCases.map(\.rawValue).joined(separator: ", ")).
        """)

    @Option(help: ArgumentHelp("The agent whose event this is: \(AgentKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var agent: String

    @Option(help: "Seconds after which the call is blocked for taking too long.")
    var timeout: Int = 10

    func run() throws {
        Self.main(["--agent", agent, "--timeout", String(timeout)])
    }

    /// The whole command, without ArgumentParser: usage mistakes must block too (exit 2, which
    /// Claude Code, Codex and Gemini CLI read as a block, with the reason on standard error),
    /// and an agent runs this on every edit, so its start-up is kept short.
    static func main(_ arguments: [String]) -> Never {
        var agent: AgentKind?
        var timeout: UInt32 = 10
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--agent": agent = rest.popFirst().flatMap(AgentKind.init)
            case "--timeout": timeout = rest.popFirst().flatMap { UInt32($0) } ?? 0
            default: fail("unknown argument '\(argument)'")
            }
        }
        guard let agent else { fail("--agent must be one of \(AgentKind.allCases.map(\.rawValue).joined(separator: ", "))") }
        guard timeout > 0 else { fail("--timeout must be a whole number of seconds, 1 or more") }
        Timeout.arm(after: timeout, answer: AgentAnswer(.block("promptmcp blocked this tool call: judging it took more than \(timeout) s."),
                                                       agent: agent, event: ""))
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let answer = AgentHook(agent: agent, directory: FileManager.default.currentDirectoryPath).answer(Array(input))
        FileHandle.standardOutput.write(Data(answer.stdout.utf8))
        if !answer.stderr.isEmpty { FileHandle.standardError.write(Data(answer.stderr.utf8)) }
        Foundation.exit(answer.status)
    }

    private static func fail(_ message: String) -> Never {
        Terminal.err("promptmcp agent-hook: \(message); the tool call is blocked")
        Foundation.exit(2)
    }
}

/// Answers for the hook if judging takes too long: the answer is written from a SIGALRM
/// handler, which may only call async-signal-safe functions, so it is laid out in memory first.
private enum Timeout {
    nonisolated(unsafe) static var bytes: UnsafeMutableBufferPointer<UInt8>?

    static func arm(after seconds: UInt32, answer: AgentAnswer) {
        let text = Array(answer.stdout.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.count, 1))
        _ = buffer.initialize(from: text)
        bytes = UnsafeMutableBufferPointer(rebasing: buffer[..<text.count])
        signal(SIGALRM) { _ in
            if let bytes = Timeout.bytes { _ = write(STDOUT_FILENO, bytes.baseAddress, bytes.count) }
            _exit(0)
        }
        alarm(seconds)
    }
}
