/// A change the policy says must cite its source (`citations.when`) cites none: no citation
/// trailer in the message and no citation comment on the file's added lines.
public struct MissingCitationRule: ChangeRule {
    public static let description = RuleDescription(
        id: "citations/missing",
        summary: "A file that citations.when covers (paths, min_added_lines, file_types) has no citation: neither a message trailer (citations.trailers, Source: by default) nor a citation comment on its added lines.",
        defaultSeverity: .error, policyKey: "citations", needsMessage: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let policy = context.policy.citations, let message = context.message else { return [] }
        guard message.values(forKeys: policy.trailers.value).isEmpty else { return [] }
        let key = policy.trailers.value.first ?? "Source"
        return change.files.filter { file in
            !file.settings.excluded.value && file.citations.isEmpty
                && policy.requiresCitation(path: file.path, addedLines: file.addedLineCount)
        }.map { file in
            context.finding(
                "\(Plural.count(file.addedLineCount, "line")) added under a path that needs a citation (\(policy.location.map { "\($0.file):\($0.line)" } ?? "citations")), and nothing cites a source",
                file: file.path,
                hint: "end the commit message with a trailer such as '\(key): https://...' (or context7:/owner/repo, a path to a document in the repository, #123), or put a '// \(key): ...' comment next to the code"
            )
        }
    }
}
