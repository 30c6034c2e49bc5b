/// A subject line too long for `git log --oneline`, e-mail and most review tools.
public struct SubjectLengthRule: ChangeRule {
    public static let description = RuleDescription(
        id: "message/subject-length",
        summary: "The commit subject (its first line) is longer than message.subject_max characters (72 by default).",
        defaultSeverity: .warning, policyKey: "message.subject_max", needsMessage: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let subject = context.message?.subject else { return [] }
        let limit = context.policy.message.subjectMax
        if subject.isEmpty {
            return [context.finding("the commit message is empty", hint: "say what the change does and why")]
        }
        guard subject.count > limit.value else { return [] }
        return [context.finding(
            "the subject is \(subject.count) characters, over the limit of \(limit.value)",
            hint: "shorten the first line and put the detail in the body, after a blank line (limit set at \(limit.origin))",
            fingerprintText: subject)]
    }
}
