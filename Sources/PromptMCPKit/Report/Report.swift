/// The outcome of one run: findings, counts and timings. Every output format renders this.
public struct Report: Sendable {
    /// What was judged: "staged change", or a commit id.
    public var target: String
    /// Which policy judged it: a file (and which version of it) or the built-in defaults.
    public var policySource: String
    public var findings: [Finding]
    public var fileCount: Int
    public var addedLineCount: Int
    public var deletedLineCount: Int
    /// Wall time of each stage, in milliseconds, in the order they ran.
    public var stages: [(name: String, milliseconds: Double)]
    /// Findings dropped by `promptmcp:allow` comments, and by the baseline.
    public var suppressedCount = 0
    public var baselinedCount = 0
    /// The ids of the rules that ran (for formats that list passing rules too).
    public var rulesRun: [String] = []
    /// Things the user should know that are not findings (an unstaged policy edit, say).
    public var notes: [String]
    /// Paths the change touches (old and new sides of renames): what triggers test gates.
    public var changedPaths: [String] = []
    /// Test gates, in policy order, run or not; a failed one is also among the findings.
    public var gates: [GateResult] = []

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
    public var passed: Bool { errorCount == 0 }
    public var durationMilliseconds: Double { stages.reduce(0) { $0 + $1.milliseconds } }
}
