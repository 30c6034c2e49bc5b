import Foundation

/// The pipeline every caller shares: collect the change, judge each file while its content is
/// at hand, judge the change as a whole (with its message and history at the stages that have
/// them), and report. Files are judged on worker threads and their content dropped straight
/// after, so memory stays flat on very large changes.
public struct Checker {
    public let policy: Policy
    public let policySource: String
    public var baseline: Baseline
    /// The documentation cache that `citations.verify: cache` checks against.
    public var citationCache: (any CitationCache)?

    let ruleSets: RuleSets

    /// Configures the rules of `stage`, the one the caller will judge at: configuration errors
    /// surface here, not mid-run (other stages' rules are configured when first needed).
    public init(policy: Policy, policySource: String, baseline: Baseline = .empty, stage: Stage = .preCommit) throws {
        self.policy = policy
        self.policySource = policySource
        self.baseline = baseline
        ruleSets = RuleSets(policy: policy)
        _ = try ruleSets.at(stage)
    }

    /// Judges one commit against its first parent, with its message and its history.
    func checkCommit(_ info: CommitInfo, in repository: Repository) throws -> Report {
        var clock = StageClock()
        let deltas = try clock.measure("collect") { try ChangeSetReader(repository: repository).commitDeltas(info) }
        let report = try judge(deltas, in: repository, target: "commit \(info.id.short)",
                               context: commitContext(info, repository), clock: &clock)
        return report.tagged(with: info)
    }

    /// What the change rules know of an existing commit: its message, author, time and history.
    func commitContext(_ info: CommitInfo, _ repository: Repository) -> ChangeContext {
        var context = ChangeContext(policy: policy, stage: .commit, message: CommitMessage(info.message),
                                    commit: info, history: History(repository: repository))
        context.author = info.authorEmail
        context.now = info.commitTime
        context.historyTip = info.id
        return context
    }

    func judge(_ deltas: [Delta], in repository: Repository, target: String, context: ChangeContext,
               clock: inout StageClock) throws -> Report {
        let rules = try ruleSets.at(context.stage)
        let judged = try clock.measure("judge files") { try judgeFiles(deltas, in: repository, rules: rules) }
        return report(judged, of: deltas, target: target, context: context, rules: rules, clock: &clock)
    }

    /// Reads and judges the files of `deltas` on worker threads, in order.
    func judgeFiles(_ deltas: [Delta], in repository: Repository, rules: RuleSet) throws -> [JudgedFile] {
        guard !rules.fileRules.isEmpty || !rules.changeRules.isEmpty else { return [] }
        let policy = self.policy
        return try FileLoader(repository: repository).load(deltas) { Self.judge($0, policy: policy, rules: rules) }
    }

    /// Judges the change as a whole, given its judged files, and reports.
    func report(_ judged: [JudgedFile], of deltas: [Delta], target: String, context: ChangeContext, rules: RuleSet,
                clock: inout StageClock) -> Report {
        var context = context
        context.citationCache = citationCache
        let summary = ChangeSummary(files: judged.map(\.summary))
        let changeFindings = clock.measure("judge change") { rules.check(summary, context) }
        let (findings, baselined) = baseline.filter(judged.flatMap(\.findings) + changeFindings)
        return Report(
            target: target, policySource: policySource,
            findings: findings,
            fileCount: summary.files.count,
            addedLineCount: summary.addedLineCount, deletedLineCount: summary.deletedLineCount,
            stages: clock.stages,
            suppressedCount: judged.reduce(0) { $0 + $1.suppressed }, baselinedCount: baselined,
            rulesRun: rules.ids, notes: [],
            changedPaths: deltas.flatMap { [$0.path] + [$0.oldPath].compactMap { $0 } }
        )
    }

    /// What outlives a judged file's content.
    typealias JudgedFile = (summary: ChangeSummary.File, findings: [Finding], suppressed: Int)

    /// Judges one file on a worker thread and keeps only what outlives its content.
    private static func judge(_ file: FileChange, policy: Policy, rules: RuleSet) -> JudgedFile {
        let settings = policy.settings(for: file.path)
        var summary = ChangeSummary.File(
            path: file.path, status: file.status,
            addedLineCount: file.addedLineCount, deletedLineCount: file.deletedLineCount, settings: settings
        )
        if settings.excluded.value {
            // Moving a file into an excluded path still changes the path it left.
            guard let oldPath = file.oldPath, policy.settings(for: oldPath).protected.value else { return (summary, [], 0) }
            return (summary, rules.check(file, settings: settings, policy: policy, onlyOldPathRules: true), 0)
        }
        if let citations = policy.citations, citations.requiresCitation(path: file.path, addedLines: file.addedLineCount) {
            summary.citations = InlineCitation.find(in: file, keys: citations.trailers.value)
        }
        let (kept, suppressed) = InlineSuppression.apply(rules.check(file, settings: settings, policy: policy), in: file)
        return (summary, kept, suppressed)
    }
}

/// The rule sets of one checker, built once per stage: a range of a thousand commits must not
/// configure its rules a thousand times.
final class RuleSets {
    private let policy: Policy
    private var built: [Stage: RuleSet] = [:]

    init(policy: Policy) { self.policy = policy }

    func at(_ stage: Stage) throws -> RuleSet {
        if let rules = built[stage] { return rules }
        let rules = try RuleSet(policy: policy, stage: stage)
        built[stage] = rules
        return rules
    }
}

/// Times named stages with a monotonic clock.
public struct StageClock {
    public private(set) var stages: [(name: String, milliseconds: Double)] = []

    public init() {}

    public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)) }
        return try body()
    }
}
