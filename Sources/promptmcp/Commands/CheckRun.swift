import Foundation
import PromptMCPKit
import PromptMCPKnowledge

/// What `promptmcp check` does once its arguments are known, apart from how they were parsed:
/// the hooks' command lines reach it without ArgumentParser (HookCommandLine.swift).
struct CheckRun: Equatable {
    enum Target: Equatable {
        case staged
        case commitMessage(file: String)
        case commit(String)
        case range(from: String, to: String, skipMerges: Bool, squash: Bool)
        case prePush
    }

    var target: Target
    var destination: ReportDestination

    /// Work a check needs later and that needs no repository, for another thread to do while
    /// the repository opens: the rules' descriptions (their option defaults are YAML) and ICU's
    /// pattern tables (a to-do marker's reference pattern needs them; 0.7 ms to build).
    static func prepare() {
        RuleRegistry.prepare()
        PolicyRegex.prepareEngine()
    }

    func run() throws {
        var clock = StageClock()
        let repository = try clock.measure("open") { try Repository.current() }
        let (resolved, result) = try judge(in: repository, clock: &clock)
        var report = result
        report.stages = clock.stages + report.stages
        report.notes = resolved.notes + report.notes
        if resolved.policy.citations?.verify.value == .cache, Self.citationCache() == nil {
            report.notes.append("citations.verify is cache, but there is no documentation cache here: citations were checked for their form only (promptmcp docs get or docs import fills the cache)")
        }
        try destination.emit(report, repository: repository)
    }

    private func judge(in repository: Repository, clock: inout StageClock) throws -> (ResolvedPolicy, Report) {
        switch target {
        case .commitMessage(let file):
            let resolved = try PolicySource.forStagedChange(in: repository)
            let text = try readMessage(file)
            return (resolved, try checker(resolved, repository, &clock).checkStaged(
                repository, message: CommitMessage(text), amending: GitInvocation.isAmend()))
        case .commit(let revision):
            let id = try repository.resolveCommit(revision)
            let resolved = try policy(before: [id], in: repository)
            var report = try checker(resolved, repository, &clock).checkCommit(id.hex, in: repository)
            GatePhase.run(on: &report, policy: resolved.policy, repository: repository, source: .commit(id))
            return (resolved, report)
        case .range(let from, let tip, let skipMerges, let squash):
            _ = try ChangeSetReader(repository: repository).commitIDs(from: from, to: tip)  // a shallow clone's missing base, said plainly
            let resolved = try PolicySource.atCommit(from, in: repository)
            let checker = try checker(resolved, repository, &clock)
            let report = squash
                ? try checker.checkSquashed(from: from, to: tip, in: repository)
                : try checker.checkRange(from: from, to: tip, in: repository, skipMerges: skipMerges)
            return (resolved, report)
        case .prePush:
            let ids = try PushedCommits.read(from: FileHandle.standardInput.readDataToEndOfFile(), in: repository)
            let resolved = try policy(before: ids, in: repository)
            return (resolved, try checker(resolved, repository, &clock).checkCommits(ids, in: repository, skipMerges: false, target: "push"))
        case .staged:
            let resolved = try PolicySource.forStagedChange(in: repository)
            var report = try checker(resolved, repository, &clock).checkStaged(repository)
            GatePhase.run(on: &report, policy: resolved.policy, repository: repository)
            learnLessons(from: &report, in: repository)
            return (resolved, report)
        }
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

    /// The checker for the policy; the "rules" stage, where the target's rules are configured.
    private func checker(_ resolved: ResolvedPolicy, _ repository: Repository, _ clock: inout StageClock) throws -> Checker {
        var checker = try clock.measure("rules") {
            try Checker(policy: resolved.policy, policySource: resolved.source, baseline: try Baseline.load(from: repository),
                        stage: target.stage)
        }
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

extension CheckRun.Target {
    /// The stage whose rules judge this target.
    var stage: Stage {
        switch self {
        case .staged: return .preCommit
        case .commitMessage: return .commitMessage
        case .commit, .range, .prePush: return .commit
        }
    }
}
