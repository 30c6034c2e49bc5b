import CGit2

/// One entry of a tree-level diff: which file changed and how, before any content is read.
struct Delta: Sendable {
    var status: FileChange.Status
    var path: String
    var oldPath: String?
    var oldID: ObjectID
    var newID: ObjectID
    var oldMode: UInt32
    var newMode: UInt32
    /// The new side is a file in the work tree (a work tree scan), not a blob.
    var newInWorkTree = false
    /// The new side's content, for a proposed edit that exists nowhere yet.
    var proposedContent: [UInt8]?

    /// Reads the deltas of a diff after rename and copy detection.
    ///
    /// Renames are found by similarity, as `git diff` does by default, so `git mv` plus an edit
    /// counts only the edit. Copies are found only when exact (same blob id as a modified
    /// file's old side): similarity-based copy detection reads every modified file's old blob
    /// on one thread, which doubled the collect time of a 500-file change. A copy's lines are
    /// all judged as added either way (see `FileLoader.load`).
    static func all(in diff: OpaquePointer, untrackedAsAdded: Bool = false) throws -> [Delta] {
        // Flags set explicitly: libgit2's default follows diff.renames, which users may turn off.
        try findSimilar(in: diff, GIT_DIFF_FIND_RENAMES.rawValue)
        try findSimilar(in: diff, GIT_DIFF_FIND_COPIES.rawValue | GIT_DIFF_FIND_EXACT_MATCH_ONLY.rawValue)

        return (0..<git_diff_num_deltas(diff)).compactMap { index in
            git_diff_get_delta(diff, index).flatMap { Delta($0.pointee, untrackedAsAdded: untrackedAsAdded) }
        }
    }

    private static func findSimilar(in diff: OpaquePointer, _ flags: UInt32) throws {
        var find = git_diff_find_options()
        git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
        find.flags = flags
        try check("detecting renames and copies", git_diff_find_similar(diff, &find))
    }

    private init?(_ delta: git_diff_delta, untrackedAsAdded: Bool) {
        let oldPath = String(cString: delta.old_file.path)
        let newPath = String(cString: delta.new_file.path)
        switch delta.status {
        case GIT_DELTA_ADDED: status = .added
        case GIT_DELTA_UNTRACKED where untrackedAsAdded: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_MODIFIED: status = .modified
        case GIT_DELTA_RENAMED: status = .renamed
        case GIT_DELTA_COPIED: status = .copied
        case GIT_DELTA_TYPECHANGE: status = .typeChange
        default: return nil  // unmodified, ignored, untracked, unreadable, conflicted
        }
        path = status == .deleted ? oldPath : newPath
        self.oldPath = oldPath != newPath ? oldPath : nil
        oldID = ObjectID(delta.old_file.id)
        newID = ObjectID(delta.new_file.id)
        oldMode = UInt32(delta.old_file.mode)
        newMode = UInt32(delta.new_file.mode)
    }

    /// The same change with its new side gone: the old path deleted.
    func deletingOldSide() -> Delta {
        var deletion = self
        deletion.status = .deleted
        deletion.path = oldPath ?? path
        deletion.oldPath = nil
        deletion.newID = .zero
        deletion.newMode = 0
        return deletion
    }

    /// Options for the tree-level diff: type changes kept as such, and no content read yet.
    static func treeDiffOptions() -> git_diff_options {
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_SKIP_BINARY_CHECK.rawValue
        return options
    }
}

extension Delta {
    /// A proposed edit over the index entry it would replace (nil: a new file): of its path, or,
    /// for a rename, of the path it moves from.
    init(proposing edit: ProposedEdit, over entry: git_index_entry?) {
        switch (entry, edit.content) {
        case (nil, _): status = .added
        case (_, nil): status = .deleted
        case _ where edit.renamedFrom != nil: status = .renamed
        default: status = .modified
        }
        path = edit.path
        oldPath = entry == nil ? nil : edit.renamedFrom
        oldID = entry.map { ObjectID($0.id) } ?? .zero
        newID = .zero
        oldMode = entry?.mode ?? 0
        newMode = edit.content == nil ? 0 : entry?.mode ?? 0o100644
        proposedContent = edit.content
    }
}
