/// A message with no reference to a ticket or an issue, when the policy asks for one.
public struct ReferenceRule: ChangeRule {
    public static let description = RuleDescription(
        id: "message/reference",
        summary: "The commit message contains nothing matching message.reference (a regular expression for a ticket or issue reference); nothing is required when the policy sets none.",
        defaultSeverity: .error, policyKey: "message.reference", needsMessage: true
    )

    private let reference: PolicyRegex?

    public init(_ configuration: RuleConfiguration) throws {
        reference = try configuration.policy.message.reference.map { try PolicyRegex.compile($0, key: "message.reference") }
    }

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let reference, let origin = context.policy.message.reference?.origin, let message = context.message,
              !reference.matches(in: message.text) else { return [] }
        return [context.finding(
            "the message refers to no ticket or issue (nothing matches \(reference.pattern))",
            hint: "mention the ticket or issue this change belongs to (pattern set at \(origin))",
            fingerprintText: message.subject)]
    }
}
