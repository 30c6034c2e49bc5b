/// A rule judging one file at a time, while its staged content is at hand.
/// It is built once per run from the policy, then called on worker threads, so it holds only
/// its configuration and keeps no state between files.
public protocol FileRule: Sendable {
    static var description: RuleDescription { get }
    init(_ configuration: RuleConfiguration) throws
    func check(_ file: FileChange, _ context: FileContext) -> [Finding]
}

/// A rule judging the change as a whole, from per-file summaries (contents are gone by then).
public protocol ChangeRule: Sendable {
    static var description: RuleDescription { get }
    init(_ configuration: RuleConfiguration) throws
    func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding]
}

/// What a file rule knows about the file it judges, beyond the file itself.
public struct FileContext: Sendable {
    public var settings: PathSettings
    public var policy: Policy
    public var severity: Severity
    let ruleID: String

    /// A finding of this rule about this file; `line` nil for the whole file.
    public func finding(_ file: FileChange, line: Int? = nil, column: Int? = nil, _ message: String,
                        hint: String? = nil, fingerprintText: String = "") -> Finding {
        Finding(rule: ruleID, severity: severity, file: file.path, line: line, column: column,
                message: message, hint: hint, fingerprintText: fingerprintText)
    }
}

/// What a change rule knows beyond the change.
public struct ChangeContext: Sendable {
    public var policy: Policy
    public var severity: Severity
    let ruleID: String

    public func finding(_ message: String, hint: String? = nil) -> Finding {
        Finding(rule: ruleID, severity: severity, file: nil, message: message, hint: hint)
    }
}
