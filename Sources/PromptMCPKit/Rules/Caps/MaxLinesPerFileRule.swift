/// Too many lines changed in one file: a change too big to review line by line.
public struct MaxLinesPerFileRule: FileRule {
    public static let description = RuleDescription(
        id: "caps/max-lines-per-file",
        summary: "A file changes more lines than caps.max_lines_per_file allows (0 means no limit).",
        defaultSeverity: .warning,
        policyKey: "caps.max_lines_per_file",
        judgesTheChange: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        let settings = context.settings
        let limit = settings.maxLinesPerFile.value
        let counted = settings.count.value.of(added: file.addedLineCount, deleted: file.deletedLineCount)
        guard limit > 0, counted > limit else { return [] }
        let what = settings.count.value == .changed ? "changed" : settings.count.value.rawValue
        return [context.finding(
            file, "\(counted) lines \(what), over the limit of \(limit) for this file",
            hint: "split the change into smaller commits, or raise max_lines_per_file for this path (set at \(settings.maxLinesPerFile.origin))"
        )]
    }
}
