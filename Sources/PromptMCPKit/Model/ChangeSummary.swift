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

    /// Files that count toward the change-wide caps (not excluded, caps not off).
    public var cappedFiles: [File] { files.filter { $0.settings.countsTowardCaps } }
    public var addedLineCount: Int { files.reduce(0) { $0 + $1.addedLineCount } }
    public var deletedLineCount: Int { files.reduce(0) { $0 + $1.deletedLineCount } }
}
