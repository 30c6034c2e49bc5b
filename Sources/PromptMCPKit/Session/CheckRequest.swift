import Foundation

/// What a caller asks to have judged, and how: every front end (the hooks, `check`, `scan`,
/// `baseline`, `test`, the MCP `promptmcp_check` tool) translates its arguments into one of
/// these and hands it to a `CheckSession`.
public struct CheckRequest: Sendable {
    public enum Target: Sendable, Equatable {
        /// What `git commit` would record now. With `amending`, HEAD's own changes are part of
        /// it (`git commit --amend` replaces HEAD), at both hook stages.
        case staged(amending: Bool)
        /// The commit message about to be recorded, with the staged change it describes.
        case commitMessage(String, amending: Bool)
        /// One existing commit (a revision such as HEAD or an id), against its first parent.
        case commit(String)
        /// Every commit after `from` up to `to` (revisions), one by one or squashed into one change.
        case range(from: String, to: String, skipMerges: Bool, squash: Bool)
        /// The commits a `git push` sends, as git writes them to a pre-push hook's input.
        case push(Data)
        /// Changes an agent proposes over the index, without writing anything.
        case proposed([ProposedEdit])
        /// An AI coding agent's edit before it is made: everything changed since the last commit
        /// (the index and the work tree) with the edits laid over, judged by the policy's agent
        /// tier (`agents:`), so caps count all the agent has changed. Findings about files the
        /// edit does not touch are left out: the agent answers for its edit.
        case agentEdit([ProposedEdit])
        /// Every file of HEAD, or of the work tree, as if it were being added (an audit).
        case tree(workTree: Bool)
        /// No change at all: the policy's test gates alone (`promptmcp test`), all or those named.
        case gates([String])
    }

    public var target: Target
    /// Runs the test gates the change triggers after the rules (the hooks and `--commit`);
    /// off for callers that must answer at once (MCP) and for CI ranges.
    public var runsGates: Bool
    /// Learns lessons from errors that a later passing check no longer has (the pre-commit hook).
    public var learnsLessons: Bool
    /// Leaves out findings the baseline accepts; off for `promptmcp baseline`, which lists them all.
    public var usesBaseline = true
    /// The time a staged or proposed change is judged at (seconds since 1970).
    public var now: @Sendable () -> Int64
    /// The environment the run sees (the author, `GIT_AUTHOR_EMAIL`), passed in so that tests
    /// and servers do not depend on the process's own.
    public var environment: [String: String]

    public init(_ target: Target, runsGates: Bool = false, learnsLessons: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.target = target
        self.runsGates = runsGates
        self.learnsLessons = learnsLessons
        self.environment = environment
        self.now = now
    }

    /// The stage whose rules judge this target.
    public var stage: Stage {
        switch target {
        case .staged, .proposed, .agentEdit, .gates: return .preCommit
        case .tree: return .tree
        case .commitMessage: return .commitMessage
        case .commit, .range, .push: return .commit
        }
    }
}
