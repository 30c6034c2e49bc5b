import CGit2

/// Builds `ChangeSet`s from a repository: the staged change, one commit, or a range of commits.
public struct ChangeSetReader {
    public let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    /// HEAD against the index: what `git commit` would record. On an unborn branch every
    /// staged file is an addition.
    public func staged() throws -> ChangeSet {
        ChangeSet(origin: .staged, files: try FileLoader(repository: repository).load(stagedDeltas()) { $0 })
    }

    /// One commit against its first parent (a root commit against the empty tree).
    public func commit(_ revision: String) throws -> ChangeSet {
        let id = try repository.resolveCommit(revision)
        return try commit(id)
    }

    /// Every commit reachable from `to` and not from `from`, oldest first, each as its own change.
    public func range(from: String, to: String) throws -> [ChangeSet] {
        try commitIDs(from: from, to: to).map(commit)
    }

    func commit(_ id: ObjectID) throws -> ChangeSet {
        let info = try commitInfo(id)
        let deltas = try commitDeltas(info)
        return ChangeSet(origin: .commit(info), files: try FileLoader(repository: repository).load(deltas) { $0 })
    }

    // MARK: - Deltas

    func stagedDeltas() throws -> [Delta] {
        let tree = try repository.headTree()
        defer { git_tree_free(tree) }
        let index = try repository.index()
        defer { git_index_free(index) }
        var options = Delta.treeDiffOptions()
        var diff: OpaquePointer?
        try check("diffing HEAD against the index", git_diff_tree_to_index(&diff, repository.pointer, tree, index, &options))
        defer { git_diff_free(diff) }
        return try Delta.all(in: diff!).compactMap { Self.committed($0, index: index) }
    }

    /// `git add -N` leaves an empty "intent to add" entry that `git commit` leaves out of the
    /// tree, while libgit2 diffs it as an added empty file: drop it, or, where it replaces a
    /// file of HEAD, keep what will really be committed, that file's deletion.
    static func committed(_ delta: Delta, index: OpaquePointer) -> Delta? {
        guard delta.status != .deleted, let entry = git_index_get_bypath(index, delta.path, 0),
              entry.pointee.flags_extended & UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) != 0 else { return delta }
        switch delta.status {
        case .modified, .typeChange, .renamed: return delta.deletingOldSide()
        default: return nil
        }
    }

    /// Every file of a tree as an addition, for a whole-repository scan: HEAD's files, or the
    /// work tree's (tracked and untracked, ignored ones left out).
    func treeDeltas(workTree: Bool) throws -> [Delta] {
        var options = Delta.treeDiffOptions()
        var diff: OpaquePointer?
        if workTree {
            options.flags |= GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
            try check("listing the work tree", git_diff_tree_to_workdir(&diff, repository.pointer, nil, &options))
        } else {
            guard let head = try repository.headTree() else { return [] }
            defer { git_tree_free(head) }
            try check("listing HEAD", git_diff_tree_to_tree(&diff, repository.pointer, nil, head, &options))
        }
        defer { git_diff_free(diff) }
        return try Delta.all(in: diff!, untrackedAsAdded: true).map { delta in
            var delta = delta
            delta.newInWorkTree = workTree
            return delta
        }
    }

    func commitDeltas(_ info: CommitInfo) throws -> [Delta] {
        let newTree = try repository.tree(of: info.id)
        defer { git_tree_free(newTree) }
        let oldTree = try info.parentIDs.first.map(repository.tree(of:))
        defer { git_tree_free(oldTree) }
        var options = Delta.treeDiffOptions()
        var diff: OpaquePointer?
        try check("diffing \(info.id.short) against its parent",
                  git_diff_tree_to_tree(&diff, repository.pointer, oldTree, newTree, &options))
        defer { git_diff_free(diff) }
        return try Delta.all(in: diff!)
    }

    // MARK: - Commits

    func commitIDs(from: String, to: String) throws -> [ObjectID] {
        var base = try repository.resolveCommit(from).raw
        var tip = try repository.resolveCommit(to).raw
        var walk: OpaquePointer?
        try check("starting a revision walk", git_revwalk_new(&walk, repository.pointer))
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue)
        try check("walking from \(to)", git_revwalk_push(walk, &tip))
        try check("hiding \(from)", git_revwalk_hide(walk, &base))
        var ids: [ObjectID] = []
        var oid = git_oid()
        while git_revwalk_next(&oid, walk) == 0 { ids.append(ObjectID(oid)) }
        return ids
    }

    func commitInfo(_ id: ObjectID) throws -> CommitInfo {
        var oid = id.raw
        var commit: OpaquePointer?
        try check("reading commit \(id.short)", git_commit_lookup(&commit, repository.pointer, &oid))
        defer { git_commit_free(commit) }
        let author = git_commit_author(commit)!.pointee
        return CommitInfo(
            id: id,
            parentIDs: (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0).pointee) },
            message: git_commit_message(commit).map { String(cString: $0) } ?? "",
            authorName: String(cString: author.name),
            authorEmail: String(cString: author.email),
            authorTime: author.when.time
        )
    }
}
