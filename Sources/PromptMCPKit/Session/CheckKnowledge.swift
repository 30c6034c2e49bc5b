/// What a check asks of the offline knowledge (PromptMCPKnowledge implements it once, for the
/// command line and the MCP server alike): the documentation cache that `citations.verify:
/// cache` checks against, and the lessons a pre-commit run teaches.
public protocol CheckKnowledge: Sendable {
    /// The documentation cache, or nil when this machine has none. Called only when the policy
    /// verifies citations against it, so the hook's hot path never opens the store otherwise.
    func citationCache() -> (any CitationCache)?
    /// Learns from a finished pre-commit run; returns notes for the report (a lesson learned,
    /// or why none could be recorded: learning never fails a check).
    func learn(from report: Report, in repository: Repository) -> [String]
}
