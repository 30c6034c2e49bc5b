import ArgumentParser
import PromptMCPKit

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the policy's test gates alone, on the staged snapshot.",
        discussion: """
        Runs every gate of the policy's `tests:` section (or those named with --gate), whatever \
        the change touches, each in a sandbox: a temporary checkout of the index (unless the \
        gate says `snapshot: worktree`), resource limits, a timeout, no network unless the \
        gate allows it, and as `nobody` when run as root. `promptmcp check` runs the gates a \
        change triggers, after the rules. docs/test-gates.md explains each setting.
        """
    )

    @OptionGroup var report: ReportOptions

    @Option(name: .customLong("gate"), help: ArgumentHelp("Run only the gate with this name (repeatable).", valueName: "name"))
    var gates: [String] = []

    func run() throws {
        let repository = try Repository.current()
        let outcome: CheckSession.Outcome
        do {
            outcome = try CheckSession(repository: repository, caller: "test").run(CheckRequest(.gates(gates)))
        } catch let error as CheckRequestError {
            throw UsageError(error.description)
        }
        try report.destination.emit(outcome.report, repository: repository)
    }
}
