import ArgumentParser
import Foundation
import PromptMCPKit

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Accept today's findings: write them to .promptmcp/baseline.json so only new ones count.",
        discussion: """
        Scans every file of HEAD (or of the work tree, with --worktree) and records the \
        fingerprint of each finding. `check` and `scan` then leave those findings out. A \
        fingerprint is made of the rule, the file and the offending text, so a finding stays \
        accepted when lines above it move. Commit the file; regenerate it to shrink it as the \
        old findings are fixed.
        """
    )

    @Flag(help: "Scan the work tree instead of HEAD.")
    var worktree = false

    func run() throws {
        let repository = try Repository.current()
        // Every finding of today counts, the ones an older baseline accepted included.
        var request = CheckRequest(.tree(workTree: worktree))
        request.usesBaseline = false
        let report = try CheckSession(repository: repository, caller: "baseline").run(request).report
        let baseline = Baseline(findings: report.findings)
        let path = repository.workDirectory + Baseline.path
        try FileManager.default.createDirectory(atPath: repository.workDirectory + ".promptmcp", withIntermediateDirectories: true)
        try baseline.encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        Terminal.out("wrote \(Baseline.path): \(baseline.entries.count) findings accepted\nnext: git add \(Baseline.path)\n")
    }
}
