import CGit2

/// Reads which files a change touches, as deltas whose content `FileLoader` reads later: the
/// staged change, proposed edits, a whole tree, one commit, or a squashed range.
public struct ChangeSetReader {
    public let repository: Repository

    public init(repository: Repository) { self.repository = repository }

    // MARK: - Deltas

    /// With `amending`, the index is compared with HEAD's parent: `git commit --amend` replaces
    /// HEAD, so its changes are part of the commit being made.
    func stagedDeltas(amending: Bool = false) throws -> [Delta] {
        let tree = try amending ? repository.headParentTree() : repository.headTree()
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

    /// Proposed edits (new content, or nil to delete; a rename keeps its old path) over the
    /// index, read without touching it.
    func proposedDeltas(_ edits: [ProposedEdit]) throws -> [Delta] {
        let index = try repository.index()
        defer { git_index_free(index) }
        return edits.map { edit in
            Delta(proposing: edit, over: git_index_get_bypath(index, edit.renamedFrom ?? edit.path, 0)?.pointee)
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

    /// The base of a range (CI's target branch). One missing from a shallow clone is named as such.
    public func resolveBase(_ revision: String) throws -> ObjectID {
        do { return try repository.resolveCommit(revision) } catch GitError.unknownRevision(let name) where repository.isShallow {
            throw GitError.missingFromShallowClone(name)
        }
    }

    /// The commits reachable from `tip` and from none of `hidden`, oldest first; with
    /// `hidingRemotes`, commits already on a remote-tracking branch are left out too (a push).
    public func commitIDs(from tip: ObjectID, hiding hidden: [ObjectID], hidingRemotes: Bool = false) throws -> [ObjectID] {
        var walk: OpaquePointer?
        try check("starting a revision walk", git_revwalk_new(&walk, repository.pointer))
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue)
        var start = tip.raw
        try check("walking from \(tip.short)", git_revwalk_push(walk, &start))
        for id in hidden {
            var oid = id.raw
            try check("hiding \(id.short)", git_revwalk_hide(walk, &oid))
        }
        for id in hidingRemotes ? try repository.remoteTrackingTips() : [] {
            var oid = id.raw
            try check("hiding \(id.short)", git_revwalk_hide(walk, &oid))
        }
        var ids: [ObjectID] = []
        var oid = git_oid()
        var next = git_revwalk_next(&oid, walk)
        while next == 0 {
            ids.append(ObjectID(oid))
            next = git_revwalk_next(&oid, walk)
        }
        // The walk stops early when a commit is missing: in a shallow clone, at its edge.
        guard next == GIT_ITEROVER.rawValue else {
            if repository.isShallow { throw GitError.missingFromShallowClone("history behind \(tip.short)") }
            throw GitError.last("walking from \(tip.short)")
        }
        return ids
    }

    /// The change from one commit's tree to another's, as one change (a squash merge).
    func squashedDeltas(from base: ObjectID, to tip: ObjectID) throws -> [Delta] {
        let oldTree = try repository.tree(of: base)
        defer { git_tree_free(oldTree) }
        let newTree = try repository.tree(of: tip)
        defer { git_tree_free(newTree) }
        var options = Delta.treeDiffOptions()
        var diff: OpaquePointer?
        try check("diffing \(base.short)..\(tip.short)", git_diff_tree_to_tree(&diff, repository.pointer, oldTree, newTree, &options))
        defer { git_diff_free(diff) }
        return try Delta.all(in: diff!)
    }

    public func commitInfo(_ id: ObjectID) throws -> CommitInfo {
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
            authorTime: author.when.time,
            commitTime: git_commit_time(commit)
        )
    }
}
