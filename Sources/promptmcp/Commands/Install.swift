import ArgumentParser
import PromptMCPKit

struct Install: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install the git hooks that run promptmcp on every commit.",
        discussion: """
        Writes small shell shims into the repository's hooks folder (core.hooksPath when set). \
        A hook already there is kept: it is renamed to NAME\(HookScript.chainedSuffix) and runs \
        before promptmcp. `git commit --no-verify` skips hooks; run promptmcp in CI as the backstop.
        """
    )

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
        let installer = HookInstaller(repository: try Repository.current())
        for action in try installer.install() { Terminal.out("\(action)\n") }
        Terminal.out("next: `git commit` now runs `promptmcp check`; try it with `promptmcp check` on a staged change\n")
    }
}

struct Uninstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove promptmcp's git hooks and put back any hook they had chained.")

    func run() throws {
        let actions = try HookInstaller(repository: try Repository.current()).uninstall()
        if actions.isEmpty { Terminal.out("no promptmcp hooks were installed\n") }
        for action in actions { Terminal.out("\(action)\n") }
    }
}
