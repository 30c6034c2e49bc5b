import Foundation

/// How each target is read: which copies judge it and which change it is.
extension CheckSession {
    /// A target resolved against the repository: the judging inputs and what to judge, every
    /// revision resolved to an id once.
    struct Plan {
        enum Change {
            case deltas(collect: () throws -> [Delta], label: String, context: ChangeContext)
            case commit
            case commits(label: String, skipMerges: Bool)
            case squashed(base: ObjectID, label: String)
        }

        var inputs: JudgingInputs
        var stage: Stage
        /// nil for the policy's test gates alone (`promptmcp test`): nothing to judge.
        var change: Change?
        /// The gates `promptmcp test` runs.
        var gates: [TestGate] = []
        /// The commits judged (commit, range and push targets), oldest first.
        var commits: [CommitInfo] = []
    }

    func resolve(_ request: CheckRequest, record: inout RunRecord) throws -> Plan {
        let reader = ChangeSetReader(repository: repository)
        let stage = request.stage
        switch request.target {
        case .staged(let amending), .commitMessage(_, let amending):
            let inputs = try stagedInputs(&record)
            var context = try stagedContext(inputs, request, amending: amending)
            let label: String
            if case .commitMessage(let text, _) = request.target {
                context.message = CommitMessage(text)
                label = "commit message"
            } else {
                label = "staged change"
            }
            return Plan(inputs: inputs, stage: stage,
                        change: .deltas(collect: { try reader.stagedDeltas(amending: amending) }, label: label, context: context))
        case .proposed(let edits):
            let inputs = try stagedInputs(&record)
            return Plan(inputs: inputs, stage: stage, change: .deltas(
                collect: { try reader.proposedDeltas(edits) }, label: "proposed change", context: try stagedContext(inputs, request, amending: false)))
        case .agentEdit(let edits):
            record.head = try repository.headID()
            record.index = try repository.indexChecksum()
            var inputs = try self.inputs ?? .staged(in: repository)
            inputs.policy.policy = inputs.policy.policy.agentTier()
            inputs.policy.source += ", agent tier"
            return Plan(inputs: inputs, stage: stage, change: .deltas(
                collect: { try reader.sessionDeltas(proposing: edits) }, label: "changes since the last commit",
                context: try stagedContext(inputs, request, amending: false)))
        case .tree(let workTree):
            record.head = try repository.headID()
            let inputs = try self.inputs ?? .workTree(in: repository)
            return Plan(inputs: inputs, stage: .tree, change: .deltas(
                collect: { try reader.treeDeltas(workTree: workTree) }, label: workTree ? "work tree" : "tree at HEAD",
                context: ChangeContext(policy: inputs.policy.policy, stage: .tree)))
        case .commit(let revision):
            let info = try reader.commitInfo(try repository.resolveCommit(revision))
            return try existing([info], change: .commit, record: &record)
        case .range(let from, let to, let skipMerges, let squash):
            let base = try reader.resolveBase(from)
            let infos = try reader.commitIDs(from: try repository.resolveCommit(to), hiding: [base]).map(reader.commitInfo)
            let label = "range \(from)..\(to)"
            record.judgedBy = base
            let inputs = try self.inputs ?? .at(base, in: repository)
            return Plan(inputs: inputs, stage: .commit, change: squash ? .squashed(base: base, label: label)
                        : .commits(label: label, skipMerges: skipMerges), commits: infos)
        case .push(let input):
            let infos = try PushedCommits.read(from: input, in: repository).map(reader.commitInfo)
            guard !infos.isEmpty else {
                return Plan(inputs: try self.inputs ?? .workTree(in: repository), stage: .commit, change: .commits(label: "push", skipMerges: false))
            }
            return try existing(infos, change: .commits(label: "push", skipMerges: false), record: &record)
        case .gates(let names):
            let inputs = try self.inputs ?? .staged(in: repository)
            return Plan(inputs: inputs, stage: stage, change: nil, gates: try Self.gates(named: names, in: inputs.policy.policy))
        }
    }

    /// What judges a change over the index: the staged copies; the record names HEAD and the index.
    private func stagedInputs(_ record: inout RunRecord) throws -> JudgingInputs {
        record.head = try repository.headID()
        record.index = try repository.indexChecksum()
        return try self.inputs ?? .staged(in: repository)
    }

    /// Existing commits, judged by the copies before them.
    private func existing(_ infos: [CommitInfo], change: Plan.Change, record: inout RunRecord) throws -> Plan {
        if let inputs { return Plan(inputs: inputs, stage: .commit, change: change, commits: infos) }
        let before = try JudgingInputs.before(infos, in: repository)
        record.judgedBy = before.base
        return Plan(inputs: before.inputs, stage: .commit, change: change, commits: infos)
    }

    /// What the change rules know of a staged or proposed change: its author, the time, and
    /// the history it will join (HEAD's, or HEAD's parent's when amending replaces HEAD).
    private func stagedContext(_ inputs: JudgingInputs, _ request: CheckRequest, amending: Bool) throws -> ChangeContext {
        var context = ChangeContext(policy: inputs.policy.policy, stage: request.stage, history: History(repository: repository))
        context.author = repository.authorEmail(environment: request.environment)
        context.now = request.now()
        context.historyTip = try amending ? repository.headParentID() : repository.headID()
        return context
    }

    func judge(_ change: Plan.Change, of plan: Plan, with checker: Checker) throws -> Report {
        switch change {
        case .deltas(let collect, let label, let context):
            var clock = StageClock()
            let deltas = try clock.measure("collect", collect)
            return try checker.judge(deltas, in: repository, target: label, context: context, clock: &clock)
        case .commit:
            return try tierChecker(for: plan.commits, plan, else: checker).checkCommit(plan.commits[0], in: repository)
        case .commits(let label, let skipMerges):
            return try judgeCommits(plan, label: label, skipMerges: skipMerges, with: checker)
        case .squashed(let base, let label):
            return try checker.checkSquashed(plan.commits, base: base, in: repository, target: label)
        }
    }

    /// The policy's gates with these names (all of them when none is named).
    static func gates(named names: [String], in policy: Policy) throws -> [TestGate] {
        let unknown = names.filter { name in !policy.tests.contains { $0.name == name } }
        guard unknown.isEmpty else { throw CheckRequestError.unknownGates(unknown, known: policy.tests.map(\.name)) }
        return names.isEmpty ? policy.tests : policy.tests.filter { names.contains($0.name) }
    }
}

/// A request that names something the repository or the policy does not have.
public enum CheckRequestError: Error, Equatable, CustomStringConvertible {
    case unknownGates([String], known: [String])

    public var description: String {
        switch self {
        case .unknownGates(let names, let known):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            let hint = known.isEmpty ? "the policy has no test gates" : "the policy's gates: " + known.joined(separator: ", ")
            return "no test gate named \(list); \(hint)"
        }
    }
}
