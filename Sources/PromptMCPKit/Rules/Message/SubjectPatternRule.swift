/// A subject that does not follow the project's convention (message.pattern).
public struct SubjectPatternRule: ChangeRule {
    public static let description = RuleDescription(
        id: "message/subject-pattern",
        summary: "The commit subject does not match message.pattern (a regular expression, e.g. Conventional Commits); nothing is required when the policy sets no pattern.",
        defaultSeverity: .error, policyKey: "message.pattern", needsMessage: true
    )

    private let pattern: PolicyRegex?

    public init(_ configuration: RuleConfiguration) throws {
        pattern = try configuration.policy.message.pattern.map { try PolicyRegex.compile($0, key: "message.pattern") }
    }

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let pattern, let origin = context.policy.message.pattern?.origin, let subject = context.message?.subject,
              !subject.isEmpty, !pattern.matches(in: Self.conventionalPart(of: subject)) else { return [] }
        return [context.finding(
            "the subject '\(subject)' does not match the pattern \(pattern.pattern)",
            hint: "write the subject as the project's convention asks (pattern set at \(origin))",
            fingerprintText: subject)]
    }

    /// `fixup! feat: x` is judged as `feat: x`: git writes such subjects for `--autosquash`, and
    /// work-in-progress commits are the business of message/work-in-progress.
    static func conventionalPart(of subject: String) -> String {
        var rest = Substring(subject)
        while let prefix = WorkInProgressRule.prefixes.first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(prefix.count) }
        return String(rest)
    }
}
