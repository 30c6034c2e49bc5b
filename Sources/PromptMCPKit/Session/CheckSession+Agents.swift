/// In CI, commits an agent made (a message that matches `agents.commit_trailers`) are judged by
/// the policy's agent tier, as the agent's hook judged them while it wrote them. Without an
/// `agents:` section every commit is judged alike.
extension CheckSession {
    func judgeCommits(_ plan: Plan, label: String, skipMerges: Bool, with checker: Checker) throws -> Report {
        guard let agents = plan.inputs.policy.policy.agents, plan.commits.contains(where: { agents.recognises(message: $0.message) }) else {
            return try checker.checkCommits(plan.commits, in: repository, skipMerges: skipMerges, target: label)
        }
        let byAgents = plan.commits.filter { agents.recognises(message: $0.message) }
        let byPeople = plan.commits.filter { !agents.recognises(message: $0.message) }
        let reports = [try checker.checkCommits(byPeople, in: repository, skipMerges: skipMerges, target: label),
                       try agentChecker(plan).checkCommits(byAgents, in: repository, skipMerges: skipMerges, target: label)]
        var merged = Report.merging(reports, target: "\(label) (\(plan.commits.count) commits, \(byAgents.count) by agents)",
                                    policySource: checker.policySource)
        let order = Dictionary(uniqueKeysWithValues: plan.commits.enumerated().map { ($1.id.hex, $0) })
        merged.findings.sort { (order[$0.commit ?? ""] ?? 0) < (order[$1.commit ?? ""] ?? 0) }
        merged.notes.append("\(byAgents.count) of \(plan.commits.count) commits carry an agent's trailer (agents.commit_trailers): judged by the agent tier")
        return merged
    }

    /// The agent tier's checker when every one of `commits` is an agent's, else `checker`.
    func tierChecker(for commits: [CommitInfo], _ plan: Plan, else checker: Checker) throws -> Checker {
        guard let agents = plan.inputs.policy.policy.agents, commits.allSatisfy({ agents.recognises(message: $0.message) }) else { return checker }
        return try agentChecker(plan)
    }

    private func agentChecker(_ plan: Plan) throws -> Checker {
        var inputs = plan.inputs
        inputs.policy.policy = inputs.policy.policy.agentTier()
        inputs.policy.source += ", agent tier"
        return try makeChecker(inputs, stage: .commit)
    }
}
