import CGit2

/// What an agent has changed since the last commit, staged or not, with the edit it proposes now.
extension ChangeSetReader {
    /// HEAD against the work tree (tracked files edited, staged or not, and untracked files that
    /// are not ignored), with `edits` laid over it in place of the work tree's copies: so caps
    /// count everything since the last commit, the proposed edit included. Reads nothing but
    /// file metadata until the content is loaded, and writes nothing.
    func sessionDeltas(proposing edits: [ProposedEdit]) throws -> [Delta] {
        let tree = try repository.headTree()
        defer { git_tree_free(tree) }
        var options = Delta.treeDiffOptions()
        options.flags |= GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
        var diff: OpaquePointer?
        try check("diffing HEAD against the work tree", git_diff_tree_to_workdir_with_index(&diff, repository.pointer, tree, &options))
        defer { git_diff_free(diff) }
        let proposed = Set(edits.map(\.path))
        var deltas = try Delta.all(in: diff!, untrackedAsAdded: true).filter { !proposed.contains($0.path) }.map { delta in
            var delta = delta
            delta.newInWorkTree = true
            return delta
        }
        for edit in edits {
            var entry: OpaquePointer?
            let found = tree != nil && git_tree_entry_bypath(&entry, tree, edit.path) == 0
            defer { git_tree_entry_free(entry) }
            let old = found ? entry.map { (ObjectID(git_tree_entry_id($0).pointee), UInt32(git_tree_entry_filemode($0).rawValue)) } : nil
            guard old != nil || edit.content != nil else { continue }  // deleting a file HEAD never had
            deltas.append(Delta(proposing: edit.content, at: edit.path, overBlob: old))
        }
        return deltas
    }
}

extension Delta {
    /// A proposed edit of `path` over a blob of HEAD (nil: a new file).
    init(proposing content: [UInt8]?, at path: String, overBlob old: (id: ObjectID, mode: UInt32)?) {
        status = old == nil ? .added : content == nil ? .deleted : .modified
        self.path = path
        oldPath = nil
        oldID = old?.id ?? .zero
        newID = .zero
        oldMode = old?.mode ?? 0
        newMode = content == nil ? 0 : old?.mode ?? 0o100644
        proposedContent = content
    }
}
