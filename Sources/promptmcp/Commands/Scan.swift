import ArgumentParser
import PromptMCPKit
import PromptMCPKnowledge

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge every file of the repository, not only a change.",
        discussion: """
        Judges each file of HEAD (or, with --worktree, each file of the work tree, untracked ones \
        included and ignored ones left out) as if it were being added, with the work tree's \
        policy. It judges content, not change size: caps, protected paths and rate limits \
        are about changes, and a scan leaves them out. Whitespace warnings (which the hooks only \
        report where a change touches them) are summed up in one note per rule unless --whitespace \
        is given. Use it to audit a repository, or before \
        `promptmcp baseline`.
        """
    )

    @OptionGroup var report: ReportOptions

    @Flag(help: "Judge the files as they are in the work tree instead of HEAD's.")
    var worktree = false

    @Flag(help: "List each whitespace warning (trailing whitespace, final newline, line endings) instead of a note per rule.")
    var whitespace = false

    func run() throws {
        let repository = try Repository.current()
        let outcome = try CheckSession(repository: repository, caller: "scan", knowledge: OfflineKnowledge())
            .run(CheckRequest(.tree(workTree: worktree)))
        var scanned = outcome.report
        if !whitespace { scanned.summarizeWhitespaceWarnings() }
        try report.destination.emit(scanned, repository: repository)
    }
}
