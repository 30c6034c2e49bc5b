import ArgumentParser
import Foundation
import PromptMCPKit

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented starter policy to .promptmcp/policy.yml that the repository passes.",
        discussion: """
        The starter protects the repository's own licence file and names its CI configuration. \
        It then scans HEAD with the new policy: errors already in the code (a committed key, say) \
        are listed and accepted in .promptmcp/baseline.json, so that `promptmcp scan` passes on \
        the repository as it is and only new problems block a commit. Review that list.
        """
    )

    @Flag(help: "Replace an existing policy file.")
    var force = false

    func run() throws {
        let repository = try Repository.current()
        let path = repository.workDirectory + PolicyLoader.path
        if FileManager.default.fileExists(atPath: path), !force {
            throw UsageError("\(PolicyLoader.path) already exists; use --force to replace it")
        }
        let text = StarterPolicy.text(for: .of(workDirectory: repository.workDirectory))
        try FileManager.default.createDirectory(atPath: repository.workDirectory + ".promptmcp", withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        Terminal.out("wrote \(PolicyLoader.path)\n" + (try acceptExistingErrors(in: repository)))
        Terminal.out("""
        next: edit it, check it with `promptmcp config validate`, then `git add .promptmcp/`
        and `promptmcp install` to judge every commit.

        """)
    }

    /// Scans HEAD (the work tree before the first commit) with the new policy and accepts the
    /// errors a baseline may hold; says what it accepted.
    private func acceptExistingErrors(in repository: Repository) throws -> String {
        var session = CheckSession(repository: repository, caller: "init")
        var inputs = try JudgingInputs.workTree(in: repository)
        inputs.baseline = .empty  // every error of today, an older baseline's included
        session.inputs = inputs
        let hasHead = (try? repository.resolveCommit("HEAD")) != nil
        let report = try session.run(CheckRequest(.tree(workTree: !hasHead))).report
        let errors = report.findings.filter { $0.severity == .error && Baseline.accepts($0) }
        guard !errors.isEmpty else { return "" }
        let baseline = Baseline(findings: errors)
        try baseline.encoded().write(to: URL(fileURLWithPath: repository.workDirectory + Baseline.path), options: .atomic)
        let list = errors.map { "  \($0.file ?? "")\($0.line.map { ":\($0)" } ?? ""): \($0.message) [\($0.rule)]\n" }.joined()
        return "the repository as it is has \(Plural.count(errors.count, "error")); accepted in \(Baseline.path) "
            + "(review each: a committed key must be revoked anyway):\n" + list
    }
}
