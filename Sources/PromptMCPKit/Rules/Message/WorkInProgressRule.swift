/// A work-in-progress commit (`WIP`, `fixup!`, `squash!`, `amend!`) about to land. Judged in CI
/// and on push only: locally such commits are a normal step before `git rebase --autosquash`.
public struct WorkInProgressRule: ChangeRule {
    public static let description = RuleDescription(
        id: "message/work-in-progress",
        summary: "In CI and on push, a commit whose subject starts with WIP, fixup!, squash! or amend! (it should have been squashed before landing).",
        defaultSeverity: .error, policyKey: "message", needsMessage: true
    )

    public init(_ configuration: RuleConfiguration) {}

    static let prefixes = ["fixup! ", "squash! ", "amend! "]

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard context.stage == .commit, let subject = context.message?.subject else { return [] }
        let upper = subject.uppercased()
        let isWIP = upper == "WIP" || ["WIP ", "WIP:", "[WIP]", "WIP!"].contains { upper.hasPrefix($0) }
        guard isWIP || Self.prefixes.contains(where: subject.hasPrefix) else { return [] }
        return [context.finding(
            "'\(subject)' is a work-in-progress commit",
            hint: "squash it before it lands (git rebase -i --autosquash), or reword it",
            fingerprintText: subject)]
    }
}
