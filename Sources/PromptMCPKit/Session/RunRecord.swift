/// What one run judged and found, by object id, so that it can be stored, listed and judged
/// again: the state of the repository it read (HEAD, the index, the commits), the copies of the
/// policy and the baseline that judged it, and what came out.
public struct RunRecord: Sendable {
    /// Ties the run's report, its logs and (for MCP) its audit record together.
    public var correlationID: String
    /// Who asked: "pre-commit", "commit-msg", "pre-push", "check --commit", "mcp promptmcp_check", ...
    public var caller: String
    /// What was judged, as the report names it ("staged change", "commit 1a2b3c4d5e6f", ...).
    public var target = ""
    public var stage: Stage
    public var version = PromptMCPVersion.current
    /// Seconds since 1970 when the run started.
    public var startedAt: Int64
    public var head: ObjectID?
    /// The index's own checksum (the last 20 bytes of `.git/index`), for staged and proposed runs.
    public var index: ObjectID?
    /// The commits judged, oldest first (commit, range and push targets).
    public var commits: [ObjectID] = []
    /// The commit whose copies of the policy and baseline judged the run, for existing commits.
    public var judgedBy: ObjectID?
    public var policyBlob: ObjectID?
    public var baselineBlob: ObjectID?
    public var findings: [Finding] = []
    public var notes: [String] = []
    public var stages: [(name: String, milliseconds: Double)] = []
    public var passed = true
}
