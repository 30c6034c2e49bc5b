/// What a rule is, for `promptmcp rules`, reports and documentation.
public struct RuleDescription: Sendable {
    /// `area/name`, as written in findings and suppressions.
    public var id: String
    public var summary: String
    /// The policy key that configures it, for "set ... to change this" hints.
    public var policyKey: String
}

/// A rule judging one file at a time, while its staged content is at hand.
/// Runs on worker threads, so it must not keep state between files.
public protocol FileRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ file: FileChange, _ settings: PathSettings, _ policy: Policy) -> [Finding]
}

/// A rule judging the change as a whole, from per-file summaries (contents are gone by then).
public protocol ChangeRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ change: ChangeSummary, _ policy: Policy) -> [Finding]
}

/// The rules `promptmcp check` runs, in order. A test fails when a rule file is not listed here.
public enum RuleRegistry {
    public static let fileRules: [any FileRule] = [ProtectedPathRule(), MaxLinesPerFileRule()]
    public static let changeRules: [any ChangeRule] = [MaxFilesRule(), MaxTotalLinesRule()]

    public static var descriptions: [RuleDescription] {
        fileRules.map { type(of: $0).description } + changeRules.map { type(of: $0).description }
    }
}
