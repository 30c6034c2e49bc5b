import Foundation

/// A message with no reference to a ticket or an issue, when the policy asks for one.
public struct ReferenceRule: ChangeRule {
    public static let description = RuleDescription(
        id: "message/reference",
        summary: "The commit message contains nothing matching message.reference (a regular expression for a ticket or issue reference); nothing is required when the policy sets none.",
        defaultSeverity: .error, policyKey: "message.reference", needsMessage: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let reference = context.policy.message.reference, let message = context.message,
              message.text.range(of: reference.value, options: .regularExpression) == nil else { return [] }
        return [context.finding(
            "the message refers to no ticket or issue (nothing matches \(reference.value))",
            hint: "mention the ticket or issue this change belongs to (pattern set at \(reference.origin))",
            fingerprintText: message.subject)]
    }
}
