/// One file of a change, as git sees it between two snapshots (a tree and the index, or two trees).
///
/// `content` is the NEW side's blob (the staged blob for a staged change), never the work tree.
/// Added lines are kept as line numbers into that content, so a million-line change costs one
/// buffer per file rather than one string per line.
public struct FileChange: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case added, modified, deleted, renamed, copied, typeChange = "type-change"
    }

    /// What the entry is, from its git mode.
    public enum Kind: String, Sendable, Codable {
        case file, executable, symlink, submodule, none

        init(mode: UInt32) {
            switch mode & 0o170000 {
            case 0o120000: self = .symlink
            case 0o160000: self = .submodule
            case 0o100000: self = mode & 0o111 != 0 ? .executable : .file
            default: self = .none
            }
        }
    }

    public var status: Status
    /// The path after the change (for a deletion, the path that was deleted).
    public var path: String
    /// The path before the change, when it differs (renames and copies).
    public var oldPath: String?
    public var oldID: ObjectID
    public var newID: ObjectID
    public var oldMode: UInt32
    public var newMode: UInt32
    /// Whether the new blob (the old one, for a deletion) is binary: then no lines are counted
    /// and `content` is empty. Text replacing a binary blob is not binary: all its lines are added.
    public var isBinary: Bool
    /// Size in bytes of the new blob (0 for a deletion or a submodule).
    public var size: Int
    public var addedLineCount: Int
    public var deletedLineCount: Int
    /// Ranges of added line numbers (1-based, in the new content), one per hunk.
    public var addedRanges: [ClosedRange<Int>]
    /// The new blob's bytes; empty for deletions, submodules and binary files.
    public var content: [UInt8]

    public var oldKind: Kind { Kind(mode: oldMode) }
    public var newKind: Kind { Kind(mode: newMode) }
    public var changedLineCount: Int { addedLineCount + deletedLineCount }

    /// A new file with every line added: for proposed edits and whole-tree scans, judged like a staged addition.
    public static func added(path: String, content: [UInt8], mode: UInt32 = 0o100644) -> FileChange {
        // git's own test: a NUL byte in the first 8000 bytes makes a file binary.
        let isBinary = content.prefix(8000).contains(0)
        let lines = isBinary ? 0 : FileLoader.lineCount(content)
        return FileChange(
            status: .added, path: path, oldPath: nil, oldID: .zero, newID: .zero, oldMode: 0, newMode: mode,
            isBinary: isBinary, size: content.count, addedLineCount: lines, deletedLineCount: 0,
            addedRanges: lines > 0 ? [1...lines] : [], content: isBinary ? [] : content)
    }

    /// Calls `body` with each added line's number and bytes (without the line terminator "\n").
    public func forEachAddedLine(_ body: (Int, ArraySlice<UInt8>) throws -> Void) rethrows {
        guard !addedRanges.isEmpty else { return }
        var lines = LineCursor(content)
        for range in addedRanges {
            for number in range {
                guard let line = lines.line(number) else { return }
                try body(number, line)
            }
        }
    }

    /// The added lines as text (invalid UTF-8 repaired); convenient for tests and small reports.
    public var addedLines: [AddedLine] {
        var lines: [AddedLine] = []
        forEachAddedLine { lines.append(AddedLine(number: $0, text: String(decoding: $1, as: UTF8.self))) }
        return lines
    }
}

public struct AddedLine: Sendable, Equatable {
    public var number: Int
    public var text: String
}

/// Walks forward through a buffer line by line; asking for increasing line numbers is linear overall.
struct LineCursor {
    private let bytes: [UInt8]
    private var number = 1
    private var start = 0
    /// Where line `number` ends, once found: walking on to the next line then needs no search
    /// (half the `memchr` calls when every line is asked for, as the content rules do).
    private var end: Int?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func line(_ wanted: Int) -> ArraySlice<UInt8>? {
        precondition(wanted >= number, "lines must be asked for in increasing order")
        while number < wanted {
            guard let lineEnd = end ?? nextNewline(from: start), lineEnd < bytes.count else { return nil }
            start = lineEnd + 1
            number += 1
            end = nil
        }
        guard start < bytes.count else { return nil }
        let lineEnd = end ?? nextNewline(from: start) ?? bytes.count
        end = lineEnd
        return bytes[start..<lineEnd]
    }

    private func nextNewline(from index: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard index < buffer.count, let base = buffer.baseAddress else { return nil }
            guard let hit = memchr(base + index, 0x0A, buffer.count - index) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
