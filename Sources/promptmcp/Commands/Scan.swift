import ArgumentParser
import PromptMCPKit

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge every file of the repository, not only a change.",
        discussion: """
        Judges each file of HEAD (or, with --worktree, each file of the work tree, untracked ones \
        included and ignored ones left out) as if it were being added, with the work tree's \
        policy. Use it to audit a repository, or before `promptmcp baseline`.
        """
    )

    @OptionGroup var report: ReportOptions

    @Flag(help: "Judge the files as they are in the work tree instead of HEAD's.")
    var worktree = false

    func run() throws {
        let repository = try Repository.current()
        let resolved = try PolicySource.forWorkTree(in: repository)
        let checker = try Checker(policy: resolved.policy, policySource: resolved.source,
                                  baseline: try Baseline.load(from: repository))
        var result = try checker.checkTree(repository, workTree: worktree)
        result.notes = resolved.notes
        try report.destination.emit(result, repository: repository)
    }
}
