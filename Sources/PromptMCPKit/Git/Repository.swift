import CGit2
import Foundation

/// A repository opened through libgit2.
///
/// libgit2 objects are not thread-safe, so a `Repository` has one owner at a time; parallel work
/// opens one handle per thread (`readerLocation`).
public final class Repository {
    let pointer: OpaquePointer
    /// The repository's git folder (for a linked worktree, that worktree's own folder).
    public let gitDirectory: String
    /// The folder shared by all worktrees (objects, config, hooks).
    public let commonDirectory: String
    public let workDirectory: String

    private static let libraryReady: Void = {
        git_libgit2_init()
        // Blobs are read from the local object database git itself wrote; re-hashing each one
        // costs time on large changes and guards against nothing a hook can repair.
        _ = promptmcp_disable_hash_verification()
    }()

    private init(pointer: OpaquePointer, workDirectory: String) {
        self.pointer = pointer
        gitDirectory = String(cString: git_repository_path(pointer))
        commonDirectory = String(cString: git_repository_commondir(pointer))
        self.workDirectory = workDirectory
    }

    deinit { git_repository_free(pointer) }

    /// Finds the repository containing `path` (default: the current directory), honouring the
    /// variables git sets for hooks: `GIT_DIR`, `GIT_WORK_TREE` and `GIT_INDEX_FILE` (which
    /// `git commit -a` and `git commit PATH` point at a temporary index).
    public static func discover(
        from path: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Repository {
        _ = libraryReady
        let cwd = FileManager.default.currentDirectoryPath
        let start = path ?? cwd
        var handle: OpaquePointer?
        let result: Int32
        if let gitDir = environment["GIT_DIR"], path == nil {
            result = git_repository_open_ext(&handle, gitDir, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        } else {
            result = git_repository_open_ext(&handle, start, 0, nil)
        }
        if result == GIT_ENOTFOUND.rawValue { throw GitError.notARepository(path: start) }
        guard result == 0, let handle else { throw GitError.last("opening the repository at \(start)") }
        if git_repository_is_bare(handle) != 0 {
            let folder = String(cString: git_repository_path(handle))
            git_repository_free(handle)
            throw GitError.bareRepository(path: folder)
        }
        if let workTree = environment["GIT_WORK_TREE"], path == nil {
            try check("setting the work tree", git_repository_set_workdir(handle, workTree, 0))
        }
        let repository = Repository(pointer: handle, workDirectory: String(cString: git_repository_workdir(handle)))
        if let indexFile = environment["GIT_INDEX_FILE"], path == nil {
            try repository.useIndexFile(indexFile.hasPrefix("/") ? indexFile : cwd + "/" + indexFile)
        }
        return repository
    }

    /// Where another thread can open its own handle on this repository (`ReaderLocation.open`).
    var readerLocation: ReaderLocation { ReaderLocation(gitDirectory: gitDirectory, workDirectory: workDirectory) }

    /// A repository's folders, which a thread that does not own the handle may hold.
    struct ReaderLocation: Sendable {
        let gitDirectory: String
        let workDirectory: String

        /// A handle of the calling thread's own on the same object database.
        func open() throws -> Repository {
            var handle: OpaquePointer?
            try check("opening \(gitDirectory)", git_repository_open_ext(&handle, gitDirectory, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil))
            return Repository(pointer: handle!, workDirectory: workDirectory)
        }
    }

    private func useIndexFile(_ path: String) throws {
        var index: OpaquePointer?
        try check("reading the index \(path)", git_index_open(&index, path))
        defer { git_index_free(index) }
        try check("using the index \(path)", git_repository_set_index(pointer, index))
    }

    /// True for a clone made with --depth: its oldest commits have no parents here.
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// The email of whoever commits now: `GIT_AUTHOR_EMAIL` (git sets it for hooks when given),
    /// else `user.email`.
    public func authorEmail(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["GIT_AUTHOR_EMAIL"] ?? configString("user.email") ?? ""
    }

    /// True when HEAD points at a branch with no commit yet.
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    /// The commit id a revision expression (`HEAD`, `main~3`, an id) names.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        guard git_revparse_single(&object, pointer, revision + "^{commit}") == 0, let object else {
            throw GitError.unknownRevision(revision)
        }
        defer { git_object_free(object) }
        return ObjectID(git_object_id(object).pointee)
    }

    /// The bytes of a blob, or nil when the object is missing or not a blob.
    public func blob(_ id: ObjectID) -> [UInt8]? {
        var oid = id.raw
        var blob: OpaquePointer?
        guard git_blob_lookup(&blob, pointer, &oid) == 0, let blob else { return nil }
        return Blob(owning: blob).bytes
    }

    /// Whether the commit is in the object database (a shallow clone lacks those past its edge).
    public func hasCommit(_ id: ObjectID) -> Bool {
        var oid = id.raw
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, pointer, &oid) == 0 else { return false }
        git_commit_free(commit)
        return true
    }

    /// Whether a shallow clone cut the history at this commit: git lists such commits in
    /// `shallow`, and their parents are missing, whatever their own parent list says.
    public func isShallowBoundary(_ id: ObjectID) -> Bool {
        guard isShallow, let data = FileManager.default.contents(atPath: commonDirectory + "shallow") else { return false }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").contains { $0 == id.hex }
    }

    /// The bytes of a blob the index or a tree names at `path`; a missing object is an error,
    /// not an empty file.
    public func existingBlob(_ id: ObjectID, at path: String) throws -> [UInt8] {
        guard let bytes = blob(id) else {
            throw GitError.libgit2(operation: "reading \(path) (\(id.short))", message: "the object is missing from the repository")
        }
        return bytes
    }

    /// The staged bytes of `path` (stage 0 of the index), or nil when the path is not staged.
    public func stagedContent(of path: String) throws -> [UInt8]? {
        try stagedBlobID(of: path).flatMap(blob)
    }

    /// The id of the blob staged at `path`, or nil when the path is not staged.
    public func stagedBlobID(of path: String) throws -> ObjectID? {
        let index = try self.index()
        defer { git_index_free(index) }
        return git_index_get_bypath(index, path, 0).map { ObjectID($0.pointee.id) }
    }

    /// The bytes of `path` in a commit's tree, or nil when it has no such file.
    public func content(of path: String, at commit: ObjectID) throws -> [UInt8]? {
        try blobID(of: path, at: commit).flatMap(blob)
    }

    /// The id of the blob at `path` in a commit's tree, or nil when it has no such file.
    public func blobID(of path: String, at commit: ObjectID) throws -> ObjectID? {
        let tree = try self.tree(of: commit)
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, tree, path) == 0, let entry else { return nil }
        defer { git_tree_entry_free(entry) }
        return ObjectID(git_tree_entry_id(entry).pointee)
    }

    /// A string from the repository's configuration (all levels merged), or nil when unset.
    public func configString(_ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, pointer) == 0 else { return nil }
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, config, key) == 0, let value else { return nil }
        return String(cString: value)
    }

    // MARK: - Raw handles for the diff code (the caller frees them)

    func index() throws -> OpaquePointer {
        var index: OpaquePointer?
        try check("reading the index", git_repository_index(&index, pointer))
        return index!
    }

    /// The commit HEAD points at, or nil on an unborn branch.
    public func headID() throws -> ObjectID? {
        isHeadUnborn ? nil : try resolveCommit("HEAD")
    }

    /// HEAD's tree, or nil on an unborn branch.
    func headTree() throws -> OpaquePointer? {
        try headID().map(tree(of:))
    }

    /// HEAD's first parent, from HEAD's own parent list; nil when HEAD is a root commit (or
    /// unborn). A parent that a shallow clone lacks is an error, not a root.
    public func headParentID() throws -> ObjectID? {
        guard let head = try headID() else { return nil }
        var oid = head.raw
        var commit: OpaquePointer?
        try check("reading HEAD", git_commit_lookup(&commit, pointer, &oid))
        defer { git_commit_free(commit) }
        guard git_commit_parentcount(commit) > 0 else {
            if isShallowBoundary(head) { throw GitError.missingFromShallowClone("the parent of HEAD (\(head.short))") }
            return nil
        }
        let parent = ObjectID(git_commit_parent_id(commit, 0).pointee)
        guard hasCommit(parent) else { throw GitError.missingFromShallowClone("\(parent.short) (the parent of HEAD)") }
        return parent
    }

    /// HEAD's first parent's tree, or nil when HEAD is a root commit (or unborn).
    func headParentTree() throws -> OpaquePointer? {
        try headParentID().map(tree(of:))
    }

    /// The index's checksum (the last 20 bytes of the index file): names the exact staged state.
    public func indexChecksum() throws -> ObjectID {
        let index = try self.index()
        defer { git_index_free(index) }
        return ObjectID(git_index_checksum(index).pointee)
    }

    func tree(of commitID: ObjectID) throws -> OpaquePointer {
        var oid = commitID.raw
        var commit: OpaquePointer?
        try check("reading commit \(commitID.short)", git_commit_lookup(&commit, pointer, &oid))
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        try check("reading the tree of \(commitID.short)", git_commit_tree(&tree, commit))
        return tree!
    }
}

/// A looked-up blob's bytes, read once, and the blob itself while it is in use: diffing blobs
/// rather than buffers spares libgit2 hashing both sides again (a third of a medium check).
struct Blob {
    let bytes: [UInt8]
    let isBinary: Bool
    let object: Object?

    /// Frees the libgit2 blob with the last copy of the `Blob` (on the thread that read it).
    final class Object {
        let pointer: OpaquePointer
        init(_ pointer: OpaquePointer) { self.pointer = pointer }
        deinit { git_blob_free(pointer) }
    }

    init(owning blob: OpaquePointer) {
        let size = Int(git_blob_rawsize(blob))
        if size > 0, let raw = git_blob_rawcontent(blob) {
            bytes = Array(UnsafeRawBufferPointer(start: raw, count: size))
        } else {
            bytes = []
        }
        isBinary = git_blob_is_binary(blob) != 0
        object = Object(blob)
    }

    /// A file read from the work tree, judged binary by git's own test (a NUL in the first 8000 bytes).
    init(workTreeBytes: [UInt8]) {
        bytes = workTreeBytes
        isBinary = workTreeBytes.prefix(8000).contains(0)
        object = nil
    }
}
