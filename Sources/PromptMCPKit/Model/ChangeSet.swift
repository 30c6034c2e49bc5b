/// What is being judged: the files of one change, and the commit it belongs to when there is one.
public struct ChangeSet: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// HEAD (or nothing, on an unborn branch) against the index.
        case staged
        /// One commit against its first parent.
        case commit(CommitInfo)
    }

    public var origin: Origin
    public var files: [FileChange]

    public init(origin: Origin, files: [FileChange]) {
        self.origin = origin
        self.files = files
    }

    public var commit: CommitInfo? {
        if case .commit(let info) = origin { return info }
        return nil
    }
}

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
