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
        let resolved = try PolicySource.forStagedChange(in: repository)
        let all = resolved.policy.tests
        let unknown = gates.filter { name in !all.contains { $0.name == name } }
        if !unknown.isEmpty {
            let known = all.isEmpty ? "the policy has no test gates" : "the policy's gates: " + all.map(\.name).joined(separator: ", ")
            throw UsageError("no test gate named \(unknown.map { "'\($0)'" }.joined(separator: ", ")); \(known)")
        }
        let selected = gates.isEmpty ? all : all.filter { gates.contains($0.name) }
        var result = GatePhase.report(running: selected, policySource: resolved.source, repository: repository)
        result.notes = resolved.notes + (all.isEmpty ? ["the policy has no test gates (a `tests:` section); see docs/test-gates.md"] : [])
        try report.destination.emit(result, repository: repository)
    }
}
