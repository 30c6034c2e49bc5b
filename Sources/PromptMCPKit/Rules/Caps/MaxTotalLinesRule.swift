/// Too many lines in one change, all files together.
public struct MaxTotalLinesRule: ChangeRule {
    public static let description = RuleDescription(
        id: "caps/max-total-lines",
        summary: "The change's lines, all files together, exceed caps.max_total_lines (counted as caps.count says; 0 means no limit).",
        defaultSeverity: .warning,
        policyKey: "caps.max_total_lines"
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        let policy = context.policy
        let limit = policy.caps.maxTotalLines.value
        let files = change.cappedFiles
        let count = policy.caps.count.value
        let total = files.reduce(0) { $0 + count.of(added: $1.addedLineCount, deleted: $1.deletedLineCount) }
        guard limit > 0, total > limit, policy.caps.severity.value != .off else { return [] }
        let what = count == .changed ? "changed" : count.rawValue
        return [Finding(
            rule: Self.description.id, severity: policy.caps.severity.value, file: nil,
            message: "\(total) lines \(what) in \(files.count) files, over the limit of \(limit)",
            hint: "split the change into smaller commits, or raise caps.max_total_lines (set at \(policy.caps.maxTotalLines.origin))"
        )]
    }
}
