/// Too many files in one change.
public struct MaxFilesRule: ChangeRule {
    public static let description = RuleDescription(
        id: "caps/max-files",
        summary: "The change touches more files than caps.max_files allows (excluded paths and paths with caps off do not count; 0 means no limit).",
        defaultSeverity: .warning,
        policyKey: "caps.max_files",
        judgesTheChange: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        let limit = context.policy.caps.maxFiles
        let (files, severity) = change.counted(by: context)
        guard limit.value > 0, files.count > limit.value else { return [] }
        var finding = context.finding(
            "\(files.count) files changed, over the limit of \(limit.value)",
            hint: "split the change into smaller commits, or raise caps.max_files (set at \(limit.origin))")
        finding.severity = severity
        return [finding]
    }
}
