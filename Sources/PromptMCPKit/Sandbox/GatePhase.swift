/// The last stage of `check`: the policy's test gates that the change triggers, after the rules.
public enum GatePhase {
    /// Runs the triggered gates and adds their results to `report`. A no-op (no stage, no
    /// time) for a policy without `tests:`, so the hook's hot path is unchanged.
    public static func run(on report: inout Report, policy: Policy, repository: Repository,
                           source: IndexCheckout.Source = .index) {
        guard !policy.tests.isEmpty else { return }
        var runner = GateRunner(repository: repository)
        runner.source = source
        let started = Clock.now
        let results = runner.run(policy.tests, changedPaths: report.changedPaths, rulesFailed: !report.passed)
        report.add(results, milliseconds: Double(Clock.now - started) / 1e6)
    }
}

extension Report {
    /// Adds gate results: each failed gate also as a finding (so formats that know only
    /// findings show it and the verdict counts it), each gate that ran among the rules run,
    /// and their time as the "tests" stage.
    public mutating func add(_ results: [GateResult], milliseconds: Double) {
        gates += results
        findings += results.compactMap(\.finding)
        rulesRun += results.filter(\.ran).map(\.ruleID)
        stages.append((name: "tests", milliseconds: milliseconds))
    }
}

extension GatePhase {
    /// `promptmcp test`: the given gates alone, whatever the change touches, as a report.
    public static func report(running gates: [TestGate], policySource: String, repository: Repository) -> Report {
        var report = Report(target: "test gates", policySource: policySource, findings: [], fileCount: 0,
                            addedLineCount: 0, deletedLineCount: 0, stages: [], notes: [])
        let started = Clock.now
        let results = GateRunner(repository: repository).run(gates, changedPaths: nil)
        report.add(results, milliseconds: Double(Clock.now - started) / 1e6)
        return report
    }
}
