/// Every rule `promptmcp` knows, as a plain list: adding a rule is one file plus one line here,
/// and a test fails when a rule file is missing from this list or an id is used twice.
public enum RuleRegistry {
    public static let fileRules: [any FileRule.Type] = [
        ProtectedPathRule.self,
        MaxLinesPerFileRule.self,
    ] + QualityRules.all + SecretRules.all

    public static let changeRules: [any ChangeRule.Type] = [
        MaxFilesRule.self,
        MaxTotalLinesRule.self,
    ]

    public static var descriptions: [RuleDescription] {
        fileRules.map { $0.description } + changeRules.map { $0.description }
    }
}

/// The rules of one run, configured from the policy; rules switched off are left out.
public struct RuleSet: Sendable {
    public var fileRules: [(rule: any FileRule, severity: Severity, id: String)]
    public var changeRules: [(rule: any ChangeRule, severity: Severity, id: String)]

    public init(policy: Policy) throws {
        fileRules = try RuleRegistry.fileRules.compactMap { type in
            let configuration = RuleConfiguration(type.description, policy: policy)
            guard configuration.severity != .off else { return nil }
            return (try type.init(configuration), configuration.severity, type.description.id)
        }
        changeRules = try RuleRegistry.changeRules.compactMap { type in
            let configuration = RuleConfiguration(type.description, policy: policy)
            guard configuration.severity != .off else { return nil }
            return (try type.init(configuration), configuration.severity, type.description.id)
        }
    }

    func check(_ file: FileChange, settings: PathSettings, policy: Policy) -> [Finding] {
        fileRules.flatMap { entry in
            entry.rule.check(file, FileContext(settings: settings, policy: policy, severity: entry.severity, ruleID: entry.id))
        }
    }

    func check(_ change: ChangeSummary, policy: Policy) -> [Finding] {
        changeRules.flatMap { entry in
            entry.rule.check(change, ChangeContext(policy: policy, severity: entry.severity, ruleID: entry.id))
        }
    }
}
