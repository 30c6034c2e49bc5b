/// One existing commit as the rules see it: who made it, when, its message and its parents.
public struct CommitInfo: Sendable, Equatable {
    public var id: ObjectID
    public var parentIDs: [ObjectID]
    public var message: String
    public var authorName: String
    public var authorEmail: String
    /// Seconds since 1970, as recorded by git.
    public var authorTime: Int64
    public var commitTime: Int64
    public var isMerge: Bool { parentIDs.count > 1 }
}
