/// A change to one file that an agent proposes but has not made: the file's whole new content,
/// or nil to delete it. Paths are relative to the repository root and already validated.
public struct ProposedEdit: Sendable, Equatable {
    public var path: String
    public var content: [UInt8]?

    public init(path: String, content: [UInt8]?) {
        self.path = path
        self.content = content
    }
}
