/// Every rule `promptmcp` knows, as a plain list: adding a rule is one file plus one line here,
/// and a test fails when a rule file is missing from this list or an id is used twice.
public enum RuleRegistry {
    public static let fileRules: [any FileRule.Type] = [
        ProtectedPathRule.self,
        MaxLinesPerFileRule.self,
    ] + QualityRules.all + [SecretScanRule.self, ContentRulesRule.self]

    public static let changeRules: [any ChangeRule.Type] = [
        MaxFilesRule.self,
        MaxTotalLinesRule.self,
        RateLimitRule.self,
        SubjectLengthRule.self,
        SubjectPatternRule.self,
        ReferenceRule.self,
        WorkInProgressRule.self,
        MissingCitationRule.self,
        InvalidCitationRule.self,
    ]

    /// Every rule by its own id: the secret rules one by one (one `SecretScanRule` runs them
    /// all), and not the policy's content rules, which the policy names.
    public static var descriptions: [RuleDescription] {
        let own = fileRules.filter { !$0.description.id.hasSuffix("/*") }
        return own.map { $0.description } + SecretRules.descriptions + changeRules.map { $0.description }
    }
}

/// The rules of one run, configured from the policy: those switched off, and those that do not
/// run at this stage, are left out.
public struct RuleSet: Sendable {
    public typealias Entry<Rule> = (rule: Rule, severity: Severity, id: String, areaKey: String, judgesTheOldPath: Bool,
                                    skipsGenerated: Bool)

    public let stage: Stage
    public var fileRules: [Entry<any FileRule>]
    public var changeRules: [Entry<any ChangeRule>]

    public init(policy: Policy, stage: Stage = .preCommit) throws {
        self.stage = stage
        fileRules = try RuleRegistry.fileRules.compactMap { type in
            try Self.entry(type.description, policy, stage) { try type.init($0) }
        }
        changeRules = try RuleRegistry.changeRules.compactMap { type in
            try Self.entry(type.description, policy, stage) { try type.init($0) }
        }
    }

    private static func entry<Rule>(_ description: RuleDescription, _ policy: Policy, _ stage: Stage,
                                    make: (RuleConfiguration) throws -> Rule) throws -> Entry<Rule>? {
        let configuration = RuleConfiguration(description, policy: policy)
        guard configuration.severity != .off || policy.turnsOn(description), description.runs(at: stage) else { return nil }
        return (try make(configuration), configuration.severity, description.id, description.areaKey, description.judgesTheOldPath,
                description.skipsGeneratedFiles)
    }

    public var ids: [String] {
        fileRules.flatMap { entry -> [String] in
            if let secrets = entry.rule as? SecretScanRule { return secrets.ids }
            return entry.rule is ContentRulesRule ? [] : [entry.id]
        } + changeRules.map(\.id)
    }

    /// Runs the file rules, at the severity the path's `paths:` entries give each (off skips it);
    /// with `onlyOldPathRules`, only the rules a rename's old path is judged by (a file moved
    /// from a protected path into an excluded one).
    func check(_ file: FileChange, settings: PathSettings, policy: Policy, onlyOldPathRules: Bool = false) -> [Finding] {
        // One context per file, re-labelled per rule: copying the policy and the settings for
        // each of thirty rules on each of ten thousand files showed up as retain/release time.
        var context = FileContext(file: file, settings: settings, policy: policy)
        let oldSettings = file.oldPath.map(policy.settings(for:))
        var findings: [Finding] = []
        // Findings of rules that leave generated files alone, when no entry said whether this
        // one is: the file's header is read only if there are some (most files have none).
        var undecided: [Int] = []
        let marked = settings.generated?.value
        for entry in fileRules where entry.judgesTheOldPath || !onlyOldPathRules {
            // A rule the path's `rules:` names explicitly judges it even when it is generated.
            let ownSeverity = settings.severity(forRule: entry.id, areaKey: entry.areaKey)
            let skips = entry.skipsGenerated && ownSeverity == nil
            if skips, marked == true { continue }
            context.severity = ownSeverity ?? entry.severity
            if entry.judgesTheOldPath, let oldSettings {
                context.severity = max(context.severity, oldSettings.severity(forRule: entry.id, areaKey: entry.areaKey) ?? entry.severity)
            }
            guard context.severity != .off else { continue }
            context.ruleID = entry.id
            let found = entry.rule.check(file, context)
            if skips, marked == nil { undecided += findings.count..<findings.count + found.count }
            findings += found
        }
        if !undecided.isEmpty, GeneratedFiles.hasGeneratedHeader(file.content) {
            let dropped = Set(undecided)
            findings = findings.indices.filter { !dropped.contains($0) }.map { findings[$0] }
        }
        Finding.numberOccurrences(&findings, in: file)
        return findings
    }

    /// Runs the change rules; `context` carries the stage's message and history, and each rule
    /// gets it with its own id and severity.
    func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        changeRules.flatMap { entry in
            var ruleContext = context
            ruleContext.ruleID = entry.id
            ruleContext.severity = entry.severity
            return entry.rule.check(change, ruleContext)
        }
    }
}
