import ArgumentParser
import PromptMCPKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge the staged change (or a commit) against the policy.",
        discussion: """
        By default judges what `git commit` would record now: HEAD against the index, using the \
        staged .promptmcp/policy.yml (or the built-in defaults when there is none). The hooks \
        installed by `promptmcp install` run exactly this.

        With --commit, judges that commit against its first parent, using the policy of the \
        parent, so that a commit cannot relax the policy that judges it.
        """
    )

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("commit"), help: "Judge this commit (a revision such as HEAD or an id) instead of the staged change.")
    var commit: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
        var output: OutputFormat { OutputFormat(rawValue: rawValue)! }
    }

    func run() throws {
        let repository = try Repository.current()
        let resolved: ResolvedPolicy
        var report: Report
        if let commit {
            let id = try repository.resolveCommit(commit)
            // The parent's policy judges; a root commit has only its own.
            let base = (try? repository.resolveCommit(id.hex + "^")) ?? id
            resolved = try PolicySource.atCommit(base.hex, in: repository)
            report = try Checker(policy: resolved.policy, policySource: resolved.source).checkCommit(id.hex, in: repository)
        } else {
            resolved = try PolicySource.forStagedChange(in: repository)
            report = try Checker(policy: resolved.policy, policySource: resolved.source).checkStaged(repository)
        }
        report.notes = resolved.notes + PolicyDescription.unenforcedNote(resolved.policy)
        Terminal.out(format.output.reporter(colour: Terminal.wantsColour()).render(report))
        if !report.passed { throw ExitCode(Terminal.Status.violations.rawValue) }
    }
}
