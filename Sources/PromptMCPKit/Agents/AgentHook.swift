import Foundation

/// `promptmcp agent-hook`: one hook event of an agent in, the agent's answer out. An edit is
/// judged before it is made, by the pre-commit pipeline with the policy's agent tier, over
/// everything changed since the last commit; a shell command by `ShellGuard`. Anything that
/// goes wrong (an event that cannot be read, a broken policy, a repository that cannot be
/// opened) blocks the call, with the error as the reason: the hook fails closed.
public struct AgentHook {
    public let agent: AgentKind
    /// Where the agent runs when its event does not say (the hook's working directory).
    public let directory: String

    public init(agent: AgentKind, directory: String) {
        self.agent = agent
        self.directory = directory
    }

    public func answer(_ input: [UInt8]) -> AgentAnswer {
        let event: AgentEvent
        do {
            event = try AgentEvent(agent: agent, json: input)
        } catch {
            return AgentAnswer(.block("promptmcp blocked this tool call: it cannot read the hook event (\(error))."), agent: agent, event: "")
        }
        do {
            return AgentAnswer(try judge(event), agent: agent, event: event.name)
        } catch let error as PolicyError {
            return AgentAnswer(.block("promptmcp blocked this tool call: the policy cannot be read, so nothing can be judged. "
                                      + "Ask a person to fix it (promptmcp config validate):\n\(error)"), agent: agent, event: event.name)
        } catch {
            return AgentAnswer(.block("promptmcp blocked this \(event.tool) call: \(error)"), agent: agent, event: event.name)
        }
    }

    func judge(_ event: AgentEvent) throws -> AgentAnswer.Verdict {
        if case .other = event.action { return .allow }
        let repository = try Repository.discover(from: event.directory ?? directory, environment: [:])
        let resolved = try PolicySource.forStagedChange(in: repository)
        if case .shell(let command) = event.action {
            let guardian = ShellGuard(policy: resolved.policy, root: repository.workDirectory,
                                      hooksFolder: Self.relative(HookInstaller(repository: repository).hooksDirectory, to: repository.workDirectory))
            return guardian.refusal(command).map { .block("promptmcp blocked this command: \($0).") } ?? .allow
        }
        let edits = try ProposedEdits(repository: repository, directory: event.directory ?? directory).edits(for: event.action)
        guard !edits.isEmpty else { return .allow }
        let session = CheckSession(repository: repository, caller: "agent-hook \(agent.rawValue)")
        let report = try session.run(CheckRequest(.agentEdit(edits))).report
        guard !report.passed else { return .allow }
        return .block(try reason(report, event, edits.map(\.path), resolved.policy.agentTier(), repository))
    }

    /// Rule, file, line and hint of each error, then what the caps still allow.
    private func reason(_ report: Report, _ event: AgentEvent, _ paths: [String], _ tier: Policy, _ repository: Repository) throws -> String {
        let errors = report.findings.filter { $0.severity == .error }
        let budget = try SessionBudget.measure(tier, in: repository, paths: paths, author: repository.authorEmail())
        let what = event.name == "afterFileEdit" ? "the edit of \(paths.joined(separator: ", "))" : "this \(event.tool) of \(paths.joined(separator: ", "))"
        return (["promptmcp blocked \(what): \(errors.count) policy \(errors.count == 1 ? "error" : "errors") (\(report.policySource))"]
            + errors.prefix(8).map(Report.line)
            + [budget.description + " (before this edit)",
               "Change the edit so that these go away (smaller, no secret, another file), or ask a person; `promptmcp explain PATH` shows what applies."])
            .joined(separator: "\n")
    }

    static func relative(_ path: String, to root: String) -> String? {
        path.hasPrefix(root) ? String(path.dropFirst(root.count)) : nil
    }
}
