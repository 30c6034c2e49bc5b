/// A subject line too long for `git log --oneline`, e-mail and most review tools.
public struct SubjectLengthRule: ChangeRule {
    public static let description = RuleDescription(
        id: "message/subject-length",
        summary: "The commit subject (its first line) is longer than message.subject_max characters (72 by default). "
            + "A merge tool's pull request suffix at its end (` (#1234)`, added by GitHub's squash merge) is not counted: "
            + "the author wrote the rest, and on projects that squash-merge every subject carries one.",
        defaultSeverity: .warning, policyKey: "message.subject_max", needsMessage: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let subject = context.message?.subject else { return [] }
        let limit = context.policy.message.subjectMax
        if subject.isEmpty {
            return [context.finding("the commit message is empty", hint: "say what the change does and why")]
        }
        let written = Self.droppingPullRequestSuffix(subject)
        guard written.count > limit.value else { return [] }
        return [context.finding(
            "the subject is \(written.count) characters, over the limit of \(limit.value)"
                + (written.count == subject.count ? "" : " (not counting the pull request suffix)"),
            hint: "shorten the first line and put the detail in the body, after a blank line (limit set at \(limit.origin))",
            fingerprintText: subject)]
    }

    /// The subject without trailing ` (#123)` suffixes (a squash of squashes has several).
    static func droppingPullRequestSuffix(_ subject: String) -> Substring {
        var text = Substring(subject)
        while let match = text.firstMatch(of: /\s*\(#\d+\)\s*$/) { text = text[..<match.range.lowerBound] }
        return text
    }
}
