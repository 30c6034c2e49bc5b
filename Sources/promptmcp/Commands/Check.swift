import ArgumentParser
import PromptMCPKit

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge the staged change, a commit message, a commit, a range or a push against the policy.",
        discussion: """
        By default judges what `git commit` would record now: HEAD against the index, using the \
        staged .promptmcp/policy.yml (or the built-in defaults when there is none). The hooks \
        installed by `promptmcp install` run this (pre-commit), `--commit-msg FILE` (commit-msg) \
        and `--pre-push` (pre-push).

        Existing commits (--commit, --from/--to, --pre-push) are judged with their messages and \
        by the policy of the range's base, so that a change cannot relax the policy that judges it.

        For CI: promptmcp check --from origin/main --to HEAD --format sarif --output report.sarif \
        (also junit or github); docs/report-formats.md shows each.
        """
    )

    @OptionGroup var report: ReportOptions

    @Option(name: .customLong("commit-msg"), help: ArgumentHelp(
        "Judge the commit message in this file (with the staged change it describes): the commit-msg hook.",
        valueName: "file"))
    var commitMessage: String?

    @Option(name: .customLong("commit"), help: "Judge this commit (a revision such as HEAD or an id) against its first parent.")
    var commit: String?

    @Option(help: ArgumentHelp("Judge each commit after this revision (CI: the target branch).", valueName: "base"))
    var from: String?

    @Option(help: ArgumentHelp("The last commit of the range (default HEAD).", valueName: "tip"))
    var to: String?

    @Flag(help: "With --from: leave merge commits out.")
    var skipMerges = false

    @Flag(help: "With --from: judge the range's cumulative change as one (a squash merge).")
    var squash = false

    @Flag(help: "Judge the commits being pushed, read from standard input as git gives them to a pre-push hook.")
    var prePush = false

    func validate() throws {
        let targets = [commitMessage != nil, commit != nil, from != nil, prePush].filter { $0 }.count
        if targets > 1 { throw ValidationError("--commit-msg, --commit, --from and --pre-push each choose what to judge; give one.") }
        if to != nil && from == nil { throw ValidationError("--to needs --from.") }
        if (skipMerges || squash) && from == nil { throw ValidationError("--skip-merges and --squash need --from.") }
    }

    func run() throws {
        try CheckRun(target: target, destination: report.destination).run()
    }

    /// What the options ask to judge (validate() has made sure they name one thing).
    var target: CheckRun.Target {
        if let commitMessage { return .commitMessage(file: commitMessage) }
        if let commit { return .commit(commit) }
        if let from { return .range(from: from, to: to ?? "HEAD", skipMerges: skipMerges, squash: squash) }
        return prePush ? .prePush : .staged
    }
}
