/// Too many lines in one change, all files together.
public struct MaxTotalLinesRule: ChangeRule {
    public static let description = RuleDescription(
        id: "caps/max-total-lines",
        summary: "The change's lines, all files together, exceed caps.max_total_lines (counted as caps.count says; 0 means no limit).",
        defaultSeverity: .warning,
        policyKey: "caps.max_total_lines",
        judgesTheChange: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        let limit = context.policy.caps.maxTotalLines
        let count = context.policy.caps.count.value
        let (files, severity) = change.counted(by: context)
        let total = files.reduce(0) { $0 + count.of(added: $1.addedLineCount, deleted: $1.deletedLineCount) }
        guard limit.value > 0, total > limit.value else { return [] }
        let what = count == .changed ? "changed" : count.rawValue
        var finding = context.finding(
            "\(total) lines \(what) in \(Plural.count(files.count, "file")), over the limit of \(limit.value)",
            hint: "split the change into smaller commits, or raise caps.max_total_lines (set at \(limit.origin))")
        finding.severity = severity
        return [finding]
    }
}
