/// A change reduced to what change-wide rules need: paths and line counts, no content.
public struct ChangeSummary: Sendable {
    public struct File: Sendable {
        public var path: String
        public var status: FileChange.Status
        public var addedLineCount: Int
        public var deletedLineCount: Int
        public var settings: PathSettings
        /// Citation comments on added lines (read only where the policy needs a citation).
        public var citations: [InlineCitation] = []
    }

    public var files: [File]

    /// The files a change-wide cap counts (not excluded, the cap not off for their paths), and
    /// the severity of its finding: the strictest that the counted paths give the rule.
    public func counted(by context: ChangeContext) -> (files: [File], severity: Severity) {
        var severity = Severity.off
        let counted = files.filter { file in
            let here = file.settings.severity(of: context.ruleID, default: context.severity)
            guard !file.settings.excluded.value, here != .off else { return false }
            severity = max(severity, here)
            return true
        }
        return (counted, severity)
    }
    public var addedLineCount: Int { files.reduce(0) { $0 + $1.addedLineCount } }
    public var deletedLineCount: Int { files.reduce(0) { $0 + $1.deletedLineCount } }
}
