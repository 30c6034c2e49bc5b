import ArgumentParser
import Foundation
import PromptMCPKit
import PromptMCPKnowledge

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
        let repository = try Repository.current()
        let (resolved, result) = try judge(in: repository)
        var report = result
        report.notes = resolved.notes + report.notes
        if resolved.policy.citations?.verify.value == .cache, Self.citationCache() == nil {
            report.notes.append("citations.verify is cache, but there is no documentation cache here: citations were checked for their form only (promptmcp docs get or docs import fills the cache)")
        }
        try self.report.emit(report, repository: repository)
    }

    private func judge(in repository: Repository) throws -> (ResolvedPolicy, Report) {
        if let commitMessage {
            let resolved = try PolicySource.forStagedChange(in: repository)
            let text = try readMessage(commitMessage)
            return (resolved, try checker(resolved, repository).checkStaged(
                repository, message: CommitMessage(text), amending: GitInvocation.isAmend()))
        }
        if let commit {
            let id = try repository.resolveCommit(commit)
            let resolved = try policy(before: [id], in: repository)
            var report = try checker(resolved, repository).checkCommit(id.hex, in: repository)
            GatePhase.run(on: &report, policy: resolved.policy, repository: repository, source: .commit(id))
            return (resolved, report)
        }
        if let from {
            let tip = to ?? "HEAD"
            _ = try ChangeSetReader(repository: repository).commitIDs(from: from, to: tip)  // a shallow clone's missing base, said plainly
            let resolved = try PolicySource.atCommit(from, in: repository)
            let checker = try checker(resolved, repository)
            let report = squash
                ? try checker.checkSquashed(from: from, to: tip, in: repository)
                : try checker.checkRange(from: from, to: tip, in: repository, skipMerges: skipMerges)
            return (resolved, report)
        }
        if prePush {
            let ids = try PushedCommits.read(from: FileHandle.standardInput.readDataToEndOfFile(), in: repository)
            let resolved = try policy(before: ids, in: repository)
            return (resolved, try checker(resolved, repository).checkCommits(ids, in: repository, skipMerges: false, target: "push"))
        }
        let resolved = try PolicySource.forStagedChange(in: repository)
        var report = try checker(resolved, repository).checkStaged(repository)
        GatePhase.run(on: &report, policy: resolved.policy, repository: repository)
        learnLessons(from: &report, in: repository)
        return (resolved, report)
    }

    /// Errors that a later passing check no longer has become lessons (docs/knowledge.md). A
    /// failure to learn never fails the check: it is a note.
    private func learnLessons(from report: inout Report, in repository: Repository) {
        do {
            for lesson in try LessonLearning(repository: repository).observe(report) {
                report.notes.append("lesson learned: \(lesson.title) (promptmcp lessons show \(lesson.id.prefix(8)))")
            }
        } catch {
            report.notes.append("could not record lessons: \(error)")
        }
    }

    private func checker(_ resolved: ResolvedPolicy, _ repository: Repository) throws -> Checker {
        var checker = try Checker(policy: resolved.policy, policySource: resolved.source,
                                  baseline: try Baseline.load(from: repository))
        checker.author = repository.authorEmail()
        if resolved.policy.citations?.verify.value == .cache { checker.citationCache = Self.citationCache() }
        return checker
    }

    /// The user's documentation cache, opened only when a policy asks for it: the hook's hot
    /// path never touches the store otherwise.
    private static func citationCache() -> KnowledgeCache? { try? KnowledgeCache.openIfPresent() }

    /// The policy of the first commit's parent: what the commits were made against.
    /// A root commit has only its own.
    private func policy(before ids: [ObjectID], in repository: Repository) throws -> ResolvedPolicy {
        guard let first = ids.first else { return try PolicySource.forWorkTree(in: repository) }
        let base = (try? repository.resolveCommit(first.hex + "^")) ?? first
        return try PolicySource.atCommit(base.hex, in: repository)
    }

    private func readMessage(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read the commit message file \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}

extension KnowledgeCache: CitationCache {}
