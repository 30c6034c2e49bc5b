import ArgumentParser
import Foundation
import PromptMCPKit

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Accept today's findings: write them to .promptmcp/baseline.json so only new ones count.",
        discussion: """
        Scans every file of HEAD (or of the work tree, with --worktree) and records each finding \
        about a file's content (quality and secret rules; caps and other change-wide findings are \
        never accepted). `check` and `scan` then leave those findings out. An entry is one \
        occurrence: rule, file, the offending text and how many identical lines come before it, so \
        it stays accepted when lines above it move, and a second identical line is new. Commit the \
        file; `--check` lists entries fixed code no longer matches, `--prune` removes them.
        """
    )

    @Flag(help: "Scan the work tree instead of HEAD.")
    var worktree = false

    @Flag(help: "List the entries no finding matches any more (stale); exit 1 when there are some.")
    var check = false

    @Flag(help: "Remove the stale entries from the file (it never gains one this way).")
    var prune = false

    func validate() throws {
        if check && prune { throw ValidationError("--check and --prune do not go together: --prune already says what it removes") }
    }

    func run() throws {
        let repository = try Repository.current()
        // Every finding of today counts, the ones an older baseline accepted included.
        var request = CheckRequest(.tree(workTree: worktree))
        request.usesBaseline = false
        let report = try CheckSession(repository: repository, caller: "baseline").run(request).report
        let path = repository.workDirectory + Baseline.path
        if check || prune {
            let current = try JudgingInputs.workTree(in: repository).baseline
            let stale = current.stale(against: report.findings)
            Terminal.out(current.describeStale(stale))
            if prune, !stale.isEmpty { try current.pruned(against: report.findings).encoded().write(to: URL(fileURLWithPath: path), options: .atomic) }
            if check, !stale.isEmpty { throw ExitCode(1) }
            return
        }
        let baseline = Baseline(findings: report.findings)
        try FileManager.default.createDirectory(atPath: repository.workDirectory + ".promptmcp", withIntermediateDirectories: true)
        try baseline.encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        let leftOut = report.findings.count(where: { !Baseline.accepts($0) })
        Terminal.out("wrote \(Baseline.path): \(Plural.count(baseline.entries.count, "finding")) accepted"
            + (leftOut > 0 ? " (\(Plural.count(leftOut, "change-wide finding")) left out: they are never baselined)" : "")
            + "\nnext: git add \(Baseline.path)\n")
    }
}
