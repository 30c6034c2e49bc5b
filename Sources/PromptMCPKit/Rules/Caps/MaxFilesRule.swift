/// Too many files in one change.
public struct MaxFilesRule: ChangeRule {
    public static let description = RuleDescription(
        id: "caps/max-files",
        summary: "The change touches more files than caps.max_files allows (excluded paths and paths with caps off do not count; 0 means no limit).",
        defaultSeverity: .warning,
        policyKey: "caps.max_files"
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        let policy = context.policy
        let limit = policy.caps.maxFiles.value
        let count = change.cappedFiles.count
        guard limit > 0, count > limit, policy.caps.severity.value != .off else { return [] }
        return [Finding(
            rule: Self.description.id, severity: policy.caps.severity.value, file: nil,
            message: "\(count) files changed, over the limit of \(limit)",
            hint: "split the change into smaller commits, or raise caps.max_files (set at \(policy.caps.maxFiles.origin))"
        )]
    }
}
