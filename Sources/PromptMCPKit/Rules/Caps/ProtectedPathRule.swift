/// A change to a path the policy protects (a licence, CI workflows, ...).
public struct ProtectedPathRule: FileRule {
    public static let description = RuleDescription(
        id: "caps/protected-path",
        summary: "Any change to a path listed under protected: is refused, unless a paths: entry sets protected: false.",
        defaultSeverity: .error,
        policyKey: "protected",
        judgesTheChange: true, judgesTheOldPath: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        let policy = context.policy
        // Moving a file out of a protected path changes the protected path too.
        let protection = [context.settings.protected, file.oldPath.map { policy.settings(for: $0).protected }]
            .compactMap { $0 }.first { $0.value }
        guard let protection else { return [] }
        let paths = [file.oldPath, file.path].compactMap { $0 }.joined(separator: " -> ")
        return [context.finding(
            file, "\(paths) is protected (\(protection.origin)): it may not be \(file.status.pastTense)",
            hint: "leave this file out of the commit (git restore --staged), or lift the protection with a paths: entry that sets protected: false"
        )]
    }
}

extension FileChange.Status {
    var pastTense: String {
        switch self {
        case .added: return "added"
        case .modified: return "modified"
        case .deleted: return "deleted"
        case .renamed: return "renamed"
        case .copied: return "copied"
        case .typeChange: return "changed in type"
        }
    }
}
