import Foundation

/// One check, whoever asks for it. It resolves what judges the target (`JudgingInputs`, from one
/// copy of the repository's files), configures the rules once, reads and judges the change, runs
/// the test gates it triggers, adds the notes and stage timings, and returns the report with a
/// record of the run. The command line and the MCP server only translate their arguments into a
/// `CheckRequest`: nothing about judging is written twice.
public struct CheckSession {
    public let repository: Repository
    /// The offline knowledge (documentation cache, lessons); nil judges without it.
    public var knowledge: (any CheckKnowledge)?
    /// Who asks, for the run record: "pre-commit", "check --commit", "mcp promptmcp_check", ...
    public var caller: String
    public var correlationID: String
    /// Judges with these instead of the repository's own copies: for a library caller that
    /// brings a policy of its own. The hooks, CI and MCP never set it.
    public var inputs: JudgingInputs?

    public init(repository: Repository, caller: String, knowledge: (any CheckKnowledge)? = nil,
                correlationID: String = CheckSession.makeCorrelationID()) {
        self.repository = repository
        self.caller = caller
        self.knowledge = knowledge
        self.correlationID = correlationID
    }

    public struct Outcome: Sendable {
        public var report: Report
        public var record: RunRecord
    }

    /// Runs the request; `clock` may hold stages the caller timed before (opening the repository).
    public func run(_ request: CheckRequest, clock: StageClock = StageClock()) throws -> Outcome {
        var clock = clock
        var record = RunRecord(correlationID: correlationID, caller: caller, stage: request.stage, startedAt: request.now())
        var plan = try clock.measure("resolve") { try resolve(request, record: &record) }
        if !request.usesBaseline { plan.inputs.baseline = .empty }
        record.commits = plan.commits.map(\.id)
        record.policyBlob = plan.inputs.policyBlob
        record.baselineBlob = plan.inputs.baselineBlob
        var report: Report
        var citationCache: (any CitationCache)?
        if let change = plan.change {
            let checker = try clock.measure("rules") { try makeChecker(plan.inputs, stage: plan.stage) }
            citationCache = checker.citationCache
            report = try judge(change, of: plan, with: checker)
            if case .agentEdit(let edits) = request.target {
                let edited = Set(edits.map(\.path))
                report.findings = report.findings.filter { finding in finding.file.map(edited.contains) ?? true }
            }
        } else {
            report = GatePhase.report(running: plan.gates, policySource: plan.inputs.policy.source, repository: repository)
        }
        report.stages = clock.stages + report.stages
        report.notes = plan.inputs.policy.notes + report.notes + notes(for: plan, citationCache: citationCache, request: request)
        runGates(plan, request: request, on: &report)
        if request.learnsLessons, let knowledge { report.notes += knowledge.learn(from: report, in: repository) }
        record.target = report.target
        record.findings = report.findings
        record.notes = report.notes
        record.stages = report.stages
        record.passed = report.passed
        return Outcome(report: report, record: record)
    }

    func makeChecker(_ inputs: JudgingInputs, stage: Stage) throws -> Checker {
        var checker = try Checker(policy: inputs.policy.policy, policySource: inputs.policy.source,
                                  baseline: inputs.baseline, stage: stage)
        if Self.verifiesCitations(inputs.policy.policy, at: stage) { checker.citationCache = knowledge?.citationCache() }
        return checker
    }

    /// Citations are judged with the message, so only those stages open the documentation cache.
    private static func verifiesCitations(_ policy: Policy, at stage: Stage) -> Bool {
        policy.citations?.verify.value == .cache && (stage == .commitMessage || stage == .commit)
    }

    private func notes(for plan: Plan, citationCache: (any CitationCache)?, request: CheckRequest) -> [String] {
        var notes: [String] = []
        let policy = plan.inputs.policy.policy
        if Self.verifiesCitations(policy, at: plan.stage), citationCache == nil {
            notes.append("citations.verify is cache, but there is no documentation cache here: citations were checked for their form only (promptmcp docs get or docs import fills the cache)")
        }
        let gatesLeftOut = !request.runsGates && !policy.tests.isEmpty
        switch request.target {
        case .staged where gatesLeftOut, .proposed where gatesLeftOut:
            notes.append("test gates are not run by this check (they take minutes); `promptmcp test` runs them")
        case .gates where policy.tests.isEmpty:
            notes.append("the policy has no test gates (a `tests:` section); see docs/test-gates.md")
        default: break
        }
        return notes
    }

    /// The gates the change triggers, after the rules: for the staged change at the pre-commit
    /// stage and for one existing commit (its tree is the snapshot), when the caller asks.
    private func runGates(_ plan: Plan, request: CheckRequest, on report: inout Report) {
        guard request.runsGates else { return }
        switch request.target {
        case .staged: GatePhase.run(on: &report, policy: plan.inputs.policy.policy, repository: repository)
        case .commit: GatePhase.run(on: &report, policy: plan.inputs.policy.policy, repository: repository,
                                    source: .commit(plan.commits[0].id))
        default: break
        }
    }

    /// A random 16-hex-digit id; the MCP gate passes its own.
    public static func makeCorrelationID() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
