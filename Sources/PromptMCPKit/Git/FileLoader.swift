import CGit2

/// Turns deltas into `FileChange`s by reading their blobs: line counts, added-line ranges,
/// binary flag. This is where a large change spends its time, so it runs on several threads,
/// each with its own repository handle.
struct FileLoader {
    let repository: Repository

    /// Loads every delta and maps it through `transform` on a worker thread, keeping the order.
    /// `transform` lets a caller judge a file and drop its content before the next one is read.
    func load<T: Sendable>(_ deltas: [Delta], _ transform: @escaping @Sendable (FileChange) throws -> T) throws -> [T] {
        // Even a handful of files is worth a second thread: reading old blobs through long delta
        // chains costs about 1 ms a file, more than opening another repository handle.
        let workers = deltas.count < 4 ? 1 : min(ProcessInfo.processInfo.activeProcessorCount, 8, deltas.count)
        if workers == 1 {
            return try deltas.map { try transform(try Self.load($0, from: repository)) }
        }
        // Worker 0 runs on the calling thread and reads with its handle; the others open their
        // own on their thread, while worker 0 is already reading (one that cannot open a handle
        // sits out: the others take its files). Files are handed out one at a time: one file's
        // delta chain can cost ten times another's.
        let caller = UncheckedBox(repository)
        let location = repository.readerLocation
        let queue = WorkQueue(count: deltas.count)
        let results = ResultSlots<T>(count: deltas.count)
        Threads.run(workers) { worker in
            guard let reader = worker == 0 ? caller.value : try? location.open() else { return }
            while let index = queue.take() {
                results.set(index) { try transform(try Self.load(deltas[index], from: reader)) }
            }
        }
        return try results.values()
    }

    static func load(_ delta: Delta, from repository: Repository) throws -> FileChange {
        // A copy is new content at a new path: all of it is judged, as for an addition, so that
        // copying a file (from an excluded path, say) cannot slip lines past the rules.
        let hasOldSide = delta.status != .added && delta.status != .copied
        let old = readable(delta.oldMode, hasOldSide) ? try lookup(delta.oldID, in: repository) : nil
        let new = readable(delta.newMode, delta.status != .deleted) ? try newSide(of: delta, in: repository) : nil
        var change = FileChange(
            status: delta.status, path: delta.path, oldPath: delta.oldPath,
            oldID: delta.oldID, newID: delta.newID, oldMode: delta.oldMode, newMode: delta.newMode,
            // The side being judged decides: text replacing a binary blob is still text to check.
            isBinary: (new ?? old)?.isBinary ?? false,
            size: new?.bytes.count ?? 0,
            addedLineCount: 0, deletedLineCount: 0, addedRanges: [], content: []
        )
        guard !change.isBinary else { return change }
        change.content = new?.bytes ?? []
        switch (old, new) {
        case (nil, let new?):
            countAllAdded(new, into: &change)
        case (let old?, nil):
            change.deletedLineCount = lineCount(old.bytes)
        case (let old?, let new?) where old.isBinary:
            countAllAdded(new, into: &change)  // a binary blob has no lines to diff against
        case (let old?, let new?) where delta.oldID != delta.newID:
            try countHunks(old: old, new: new, into: &change)
        default:
            break
        }
        return change
    }

    /// The new content: proposed (MCP), in the work tree (a scan), or a blob (everything else).
    private static func newSide(of delta: Delta, in repository: Repository) throws -> Blob {
        if let proposed = delta.proposedContent { return Blob(workTreeBytes: proposed) }
        return delta.newInWorkTree ? try readWorkTree(delta, in: repository) : try lookup(delta.newID, in: repository)
    }

    private static func countAllAdded(_ new: Blob, into change: inout FileChange) {
        let count = lineCount(new.bytes)
        change.addedLineCount = count
        change.addedRanges = count > 0 ? [1...count] : []
    }

    /// Submodules have a commit id, not a blob, and a side that does not exist has nothing to read.
    private static func readable(_ mode: UInt32, _ exists: Bool) -> Bool {
        exists && FileChange.Kind(mode: mode) != .submodule && mode != 0
    }

    private static func lookup(_ id: ObjectID, in repository: Repository) throws -> Blob {
        var oid = id.raw
        var blob: OpaquePointer?
        try check("reading blob \(id.short)", git_blob_lookup(&blob, repository.pointer, &oid))
        return Blob(owning: blob!)
    }

    /// A work tree file's bytes; a symbolic link's are its target, as git stores them.
    private static func readWorkTree(_ delta: Delta, in repository: Repository) throws -> Blob {
        let path = repository.workDirectory + delta.path
        if FileChange.Kind(mode: delta.newMode) == .symlink {
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: path)
            return Blob(workTreeBytes: Array(target.utf8))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GitError.libgit2(operation: "reading \(delta.path) from the work tree", message: "the file cannot be read")
        }
        return Blob(workTreeBytes: Array(data))
    }

    /// Diffs two texts with no context lines, so that every line inside a hunk's new range is
    /// an added line and every line in its old range a deleted one: hunk headers are enough.
    private static func countHunks(old: Blob, new: Blob, into change: inout FileChange) throws {
        var options = git_diff_options()
        git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
        options.context_lines = 0
        options.interhunk_lines = 0
        options.flags = GIT_DIFF_FORCE_TEXT.rawValue  // both sides were found to be text above
        let oldPath = change.oldPath ?? change.path
        var patch: OpaquePointer?
        try new.bytes.withUnsafeBytes { newBytes in
            _ = try check("diffing \(change.path)", {
                switch (old.object, new.object) {
                case let (oldBlob?, newBlob?):
                    return git_patch_from_blobs(&patch, oldBlob.pointer, oldPath, newBlob.pointer, change.path, &options)
                case let (oldBlob?, nil):
                    return git_patch_from_blob_and_buffer(
                        &patch, oldBlob.pointer, oldPath, newBytes.baseAddress, newBytes.count, change.path, &options)
                default:
                    return old.bytes.withUnsafeBytes { oldBytes in
                        git_patch_from_buffers(&patch, oldBytes.baseAddress, oldBytes.count, oldPath,
                                               newBytes.baseAddress, newBytes.count, change.path, &options)
                    }
                }
            }())
        }
        defer { git_patch_free(patch) }
        for index in 0..<git_patch_num_hunks(patch) {
            var hunk: UnsafePointer<git_diff_hunk>?
            try check("reading a hunk of \(change.path)", git_patch_get_hunk(&hunk, nil, patch, index))
            guard let hunk = hunk?.pointee else { continue }
            change.deletedLineCount += Int(hunk.old_lines)
            change.addedLineCount += Int(hunk.new_lines)
            if hunk.new_lines > 0 {
                let first = Int(hunk.new_start)
                change.addedRanges.append(first...(first + Int(hunk.new_lines) - 1))
            }
        }
    }

    /// Lines as git counts them: a last line without a newline still counts.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        guard !bytes.isEmpty else { return 0 }
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress!
            var remaining = buffer.count
            while remaining > 0, let hit = memchr(cursor, 0x0A, remaining) {
                count += 1
                let next = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) + 1
                remaining -= cursor.distance(to: next)
                cursor = next
            }
        }
        return bytes.last == 0x0A ? count : count + 1
    }
}

import Foundation
