/// A rule judging one file at a time, while its staged content is at hand.
/// It is built once per run from the policy, then called on worker threads, so it holds only
/// its configuration and keeps no state between files.
public protocol FileRule: Sendable {
    static var description: RuleDescription { get }
    init(_ configuration: RuleConfiguration) throws
    func check(_ file: FileChange, _ context: FileContext) -> [Finding]
}

/// Where in a commit's life the judging happens: it decides which rules can run.
public enum Stage: String, Sendable {
    /// The pre-commit hook: the staged change, no message yet.
    case preCommit = "pre-commit"
    /// The commit-msg hook: the message, with the staged change it describes.
    case commitMessage = "commit-msg"
    /// A commit that exists (CI, pre-push, --commit): change and message together.
    case commit
    /// A whole tree judged as if added (`scan`, `baseline`): content only, since there is no
    /// change whose size, paths or pace could be judged.
    case tree = "scan"
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
    var ruleID: String
    /// Where the file's added lines are in its content.
    public let addedSpans: [AddedSpan]

    init(file: FileChange, settings: PathSettings, policy: Policy, severity: Severity = .off, ruleID: String = "") {
        self.settings = settings
        self.policy = policy
        self.severity = severity
        self.ruleID = ruleID
        addedSpans = AddedSpan.spans(of: file)
    }

    /// A finding of this rule about this file; `line` nil for the whole file.
    public func finding(_ file: FileChange, line: Int? = nil, column: Int? = nil, _ message: String,
                        hint: String? = nil, fingerprintText: String = "") -> Finding {
        Finding(rule: ruleID, severity: severity, file: file.path, line: line, column: column,
                message: message, hint: hint, fingerprintText: fingerprintText)
    }
}

/// What a change rule knows beyond the change: the commit message and the history, when the
/// stage has them. Used on the calling thread only (it holds the repository).
public struct ChangeContext {
    public var policy: Policy
    public var severity: Severity = .error
    var ruleID = ""
    public var stage: Stage = .preCommit
    /// The message, at the commit-msg stage and in CI; nil before the message is written.
    public var message: CommitMessage?
    /// The commit being judged, in CI; nil for a staged change.
    public var commit: CommitInfo?
    /// The repository's history, for rules that count past commits.
    public var history: History?
    /// Who is committing (email), and when (seconds since 1970): the commit's own in CI.
    public var author = ""
    public var now: Int64 = 0
    /// The newest commit of the history the change joins: HEAD for a staged change (HEAD's
    /// parent when amending, since the amend replaces HEAD), the commit itself in CI.
    public var historyTip: ObjectID?
    /// The documentation cache, for `citations.verify: cache`; nil when there is none.
    public var citationCache: (any CitationCache)?

    public func finding(_ message: String, file: String? = nil, line: Int? = nil, hint: String? = nil,
                        fingerprintText: String = "") -> Finding {
        Finding(rule: ruleID, severity: severity, file: file, line: line, message: message, hint: hint,
                fingerprintText: fingerprintText)
    }

    /// Whether a path is a file of the snapshot being judged (the index, or the commit's tree).
    public func fileExists(_ path: String) -> Bool {
        guard let repository = history?.repository else { return false }
        if let commit { return (try? repository.content(of: path, at: commit.id)) != nil }
        return (try? repository.stagedContent(of: path)) != nil
    }
}
