/// A change to one file that an agent proposes but has not made: the file's whole new content,
/// or nil to delete it, and for a move the path it moves from. Paths are relative to the
/// repository root and already validated.
public struct ProposedEdit: Sendable, Equatable {
    public var path: String
    public var content: [UInt8]?
    /// The old path of a rename (`git mv` plus an edit): its lines are judged against the old
    /// file's, as the hook would judge the staged rename.
    public var renamedFrom: String?

    public init(path: String, content: [UInt8]?, renamedFrom: String? = nil) {
        self.path = path
        self.content = content
        self.renamedFrom = renamedFrom
    }
}
