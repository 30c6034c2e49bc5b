import CGit2

/// What the MCP server tells an agent about the repository: the files the next commit holds and
/// the branch it lands on.
extension Repository {
    /// Paths of the index's entries at stage 0 (conflicted ones left out), in index order.
    public func indexedPaths() throws -> [String] {
        let index = try self.index()
        defer { git_index_free(index) }
        return (0..<git_index_entrycount(index)).compactMap { position in
            guard let entry = git_index_get_byindex(index, position),
                  (entry.pointee.flags >> 12) & 0x3 == 0 else { return nil }
            return String(cString: entry.pointee.path)
        }
    }

    /// The branch HEAD points at (`main`), or nil when HEAD is detached.
    public var headBranch: String? {
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, "HEAD") == 0, let reference else { return nil }
        defer { git_reference_free(reference) }
        guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(reference) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }

    /// The commits the remote-tracking branches point at. A dangling one (`origin/HEAD` after
    /// its branch was deleted) is passed over, as git does, rather than failing the push.
    public func remoteTrackingTips() throws -> [ObjectID] {
        var iterator: OpaquePointer?
        try check("listing remote branches", git_reference_iterator_glob_new(&iterator, pointer, "refs/remotes/*"))
        defer { git_reference_iterator_free(iterator) }
        var tips: [ObjectID] = []
        var reference: OpaquePointer?
        while git_reference_next(&reference, iterator) == 0 {
            defer { git_reference_free(reference) }
            var commit: OpaquePointer?
            guard git_reference_peel(&commit, reference, GIT_OBJECT_COMMIT) == 0 else { continue }
            tips.append(ObjectID(git_object_id(commit).pointee))
            git_object_free(commit)
        }
        return tips
    }
}
