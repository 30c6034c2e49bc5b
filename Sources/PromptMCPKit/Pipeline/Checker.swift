import Foundation

/// The pipeline every caller shares: collect the change, judge each file while its content is
/// at hand, judge the change as a whole, and report. Files are judged on worker threads and
/// their content dropped straight after, so memory stays flat on very large changes.
public struct Checker {
    public let policy: Policy
    public let policySource: String
    public let rules: RuleSet
    public var baseline: Baseline

    public init(policy: Policy, policySource: String, baseline: Baseline = .empty) throws {
        self.policy = policy
        self.policySource = policySource
        self.baseline = baseline
        rules = try RuleSet(policy: policy)
    }

    /// Judges what `git commit` would record now.
    public func checkStaged(_ repository: Repository) throws -> Report {
        var clock = StageClock()
        let deltas = try clock.measure("collect") { try ChangeSetReader(repository: repository).stagedDeltas() }
        return try judge(deltas, in: repository, target: "staged change", clock: &clock)
    }

    /// Judges one commit against its first parent.
    public func checkCommit(_ revision: String, in repository: Repository) throws -> Report {
        var clock = StageClock()
        let reader = ChangeSetReader(repository: repository)
        let (info, deltas) = try clock.measure("collect") {
            let info = try reader.commitInfo(try repository.resolveCommit(revision))
            return (info, try reader.commitDeltas(info))
        }
        return try judge(deltas, in: repository, target: "commit \(info.id.short)", clock: &clock)
    }

    /// Judges every file of HEAD (or of the work tree) as if it were being added: a whole
    /// repository audit, and the starting point of a baseline.
    public func checkTree(_ repository: Repository, workTree: Bool) throws -> Report {
        var clock = StageClock()
        let deltas = try clock.measure("collect") { try ChangeSetReader(repository: repository).treeDeltas(workTree: workTree) }
        return try judge(deltas, in: repository, target: workTree ? "work tree" : "tree at HEAD", clock: &clock)
    }

    private func judge(_ deltas: [Delta], in repository: Repository, target: String, clock: inout StageClock) throws -> Report {
        let policy = self.policy
        let rules = self.rules
        let judged = try clock.measure("judge files") {
            try FileLoader(repository: repository).load(deltas) { file in
                Self.judge(file, policy: policy, rules: rules)
            }
        }
        let summary = ChangeSummary(files: judged.map(\.summary))
        let changeFindings = clock.measure("judge change") {
            rules.check(summary, policy: policy)
        }
        let (findings, baselined) = baseline.filter(judged.flatMap(\.findings) + changeFindings)
        return Report(
            target: target, policySource: policySource,
            findings: findings,
            fileCount: summary.files.count,
            addedLineCount: summary.addedLineCount, deletedLineCount: summary.deletedLineCount,
            stages: clock.stages,
            suppressedCount: judged.reduce(0) { $0 + $1.suppressed }, baselinedCount: baselined,
            notes: []
        )
    }

    /// Judges one file on a worker thread and keeps only what outlives its content.
    private static func judge(_ file: FileChange, policy: Policy, rules: RuleSet) -> (summary: ChangeSummary.File, findings: [Finding], suppressed: Int) {
        let settings = policy.settings(for: file.path)
        let summary = ChangeSummary.File(
            path: file.path, status: file.status,
            addedLineCount: file.addedLineCount, deletedLineCount: file.deletedLineCount, settings: settings
        )
        guard !settings.excluded.value else { return (summary, [], 0) }
        let (kept, suppressed) = InlineSuppression.apply(rules.check(file, settings: settings, policy: policy), in: file)
        return (summary, kept, suppressed)
    }
}

/// Times named stages with a monotonic clock.
struct StageClock {
    private(set) var stages: [(name: String, milliseconds: Double)] = []

    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)) }
        return try body()
    }
}
