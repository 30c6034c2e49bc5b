/// A unified diff as `git diff` prints it (`a/` and `b/` prefixes, new and deleted files,
/// renames, several hunks per file), or as `diff -u` does. Parsed on bytes, not Characters:
/// Swift reads "\r\n" as one Character, which would hide the line breaks of CRLF files.
package struct UnifiedDiff {
    struct FilePatch {
        /// nil for a new file (`--- /dev/null`).
        var oldPath: String?
        /// nil for a deleted file (`+++ /dev/null`).
        var newPath: String?
        var hunks: [Hunk] = []
        var isBinary = false
        /// The line that started the file's patch, for messages.
        var header: String

        var displayPath: String { newPath ?? oldPath ?? header }
    }

    struct Hunk {
        enum Line: Equatable {
            case context([UInt8]), removed([UInt8]), added([UInt8])
        }

        var header: String
        var oldStart: Int
        var oldCount: Int
        var newStart: Int
        var newCount: Int
        var lines: [Line] = []
        /// `\ No newline at end of file` after an old-side or a new-side line.
        var oldEndsWithoutNewline = false
        var newEndsWithoutNewline = false

        var oldLines: [[UInt8]] { lines.compactMap { if case .context(let b) = $0 { b } else if case .removed(let b) = $0 { b } else { nil } } }
        var newLines: [[UInt8]] { lines.compactMap { if case .context(let b) = $0 { b } else if case .added(let b) = $0 { b } else { nil } } }
    }

    struct ParseError: Error {
        var message: String
    }

    var files: [FilePatch]

    package init(_ text: String) throws {
        var parser = Parser(lines: Self.lines(Array(text.utf8)))
        files = try parser.parse()
    }

    /// Lines without their "\n" (a "\r" stays: it is part of a CRLF file's content).
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

private struct Parser {
    let lines: [[UInt8]]
    var index = 0
    var files: [UnifiedDiff.FilePatch] = []
    var current: UnifiedDiff.FilePatch?

    init(lines: [[UInt8]]) { self.lines = lines }

    mutating func parse() throws -> [UnifiedDiff.FilePatch] {
        while index < lines.count {
            let line = text(lines[index])
            if line.hasPrefix("diff --git ") {
                finish()
                current = UnifiedDiff.FilePatch(header: line)
                (current!.oldPath, current!.newPath) = DiffPaths.fromGitHeader(String(line.dropFirst(11)))
            } else if line.hasPrefix("--- "), index + 1 < lines.count, text(lines[index + 1]).hasPrefix("+++ ") {
                if current == nil || !current!.hunks.isEmpty { finish(); current = UnifiedDiff.FilePatch(header: line) }
                (current!.oldPath, current!.newPath) = DiffPaths.fromMarkers(String(line.dropFirst(4)), text(lines[index + 1]).dropFirst(4).description)
                index += 1
            } else if line.hasPrefix("@@") {
                guard current != nil else { throw UnifiedDiff.ParseError(message: "line \(index + 1): a hunk (\(line)) before any file header (diff --git, or ---/+++)") }
                current!.hunks.append(try hunk(line))
                continue
            } else if current != nil {
                applyExtendedHeader(line)
            }
            index += 1
        }
        finish()
        guard !files.isEmpty else { throw UnifiedDiff.ParseError(message: "no file changes found; expected the output of git diff (diff --git ..., ---/+++ lines and @@ hunks)") }
        return files
    }

    private mutating func finish() {
        if let current { files.append(current) }
        current = nil
    }

    /// git's lines between `diff --git` and the hunks.
    private mutating func applyExtendedHeader(_ line: String) {
        if line.hasPrefix("new file mode") { current!.oldPath = nil }
        else if line.hasPrefix("deleted file mode") { current!.newPath = nil }
        else if line.hasPrefix("rename from ") { current!.oldPath = DiffPaths.unquote(String(line.dropFirst(12))) }
        else if line.hasPrefix("rename to ") { current!.newPath = DiffPaths.unquote(String(line.dropFirst(10))) }
        else if line.hasPrefix("Binary files ") || line.hasPrefix("GIT binary patch") { current!.isBinary = true }
    }

    /// Reads one hunk from its `@@ -a,b +c,d @@` line through its last counted line.
    private mutating func hunk(_ header: String) throws -> UnifiedDiff.Hunk {
        let file = current!.displayPath
        guard let numbers = DiffPaths.hunkNumbers(header) else {
            throw UnifiedDiff.ParseError(message: "\(file): line \(index + 1): not a hunk header: \(header)")
        }
        var hunk = UnifiedDiff.Hunk(header: header, oldStart: numbers.0, oldCount: numbers.1, newStart: numbers.2, newCount: numbers.3)
        var (old, new) = (numbers.1, numbers.3)
        index += 1
        while index < lines.count, old > 0 || new > 0 || lines[index].first == UInt8(ascii: "\\") {
            let line = lines[index]
            let body = Array(line.dropFirst())
            switch line.first {
            case UInt8(ascii: " "), nil: hunk.lines.append(.context(body)); old -= 1; new -= 1
            case UInt8(ascii: "-"): hunk.lines.append(.removed(body)); old -= 1
            case UInt8(ascii: "+"): hunk.lines.append(.added(body)); new -= 1
            case UInt8(ascii: "\\"): markNoNewline(&hunk)
            default: index -= 1; old = min(old, -1)
            }
            index += 1
            if old < 0 || new < 0 { break }
        }
        guard old == 0, new == 0 else {
            throw UnifiedDiff.ParseError(message: "\(file): hunk \(current!.hunks.count + 1) (\(header)) has a wrong line count: it is cut short or its header miscounts its lines")
        }
        return hunk
    }

    private func markNoNewline(_ hunk: inout UnifiedDiff.Hunk) {
        switch hunk.lines.last {
        case .removed: hunk.oldEndsWithoutNewline = true
        case .added: hunk.newEndsWithoutNewline = true
        case .context: hunk.oldEndsWithoutNewline = true; hunk.newEndsWithoutNewline = true
        case nil: break
        }
    }

    private func text(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
