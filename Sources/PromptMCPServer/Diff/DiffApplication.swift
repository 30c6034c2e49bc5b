import PromptMCPKit

/// Turns a unified diff into proposed edits by applying it, in memory, to the INDEX version of
/// each file: the same base `promptmcp_check` judges edits over. Nothing is written anywhere.
///
/// Hunks must match exactly (no fuzz), but may sit at another line than their header says, as
/// `git apply` allows: the nearest exact match wins. A diff that does not apply is a failure
/// that names the file and the hunk.
struct DiffApplication {
    let repository: Repository
    let paths: PathConfinement

    func edits(from text: String) throws -> [ProposedEdit] {
        let diff: UnifiedDiff
        do { diff = try UnifiedDiff(text) } catch let error as UnifiedDiff.ParseError {
            throw ToolFailure.invalid("arguments.diff: \(error.message)")
        }
        var edits: [ProposedEdit] = []
        var seen: Set<String> = []
        for (number, patch) in diff.files.enumerated() {
            let edit = try patchEdit(patch, number: number + 1)
            for path in [edit.renamedFrom, edit.path].compactMap({ $0 }) where !seen.insert(path).inserted {
                throw ToolFailure.invalid("arguments.diff: \(path) is changed twice; give one patch per file")
            }
            edits.append(edit)
        }
        return edits
    }

    private func patchEdit(_ patch: UnifiedDiff.FilePatch, number: Int) throws -> ProposedEdit {
        let argument = "arguments.diff (file \(number))"
        let oldPath = try patch.oldPath.map { try paths.resolve($0, argument: argument) }
        let newPath = try patch.newPath.map { try paths.resolve($0, argument: argument) }
        guard !patch.isBinary else {
            throw ToolFailure.failed("the diff changes \(patch.displayPath) as a binary file; binary patches are not applied: send its new content with edits instead")
        }
        let base: [UInt8]
        if let oldPath {
            guard let staged = try repository.stagedContent(of: oldPath) else {
                throw ToolFailure.failed("the diff does not apply: \(oldPath) is not in the index (the diff must be against the staged version of each file)")
            }
            base = staged
        } else {
            if let newPath, try repository.stagedContent(of: newPath) != nil {
                throw ToolFailure.failed("the diff does not apply: it creates \(newPath), which is already in the index")
            }
            base = []
        }
        let content = try HunkApplier(base: base, path: patch.displayPath).apply(patch.hunks)
        switch (oldPath, newPath) {
        case let (old?, nil):
            guard content.isEmpty else {
                throw ToolFailure.failed("the diff does not apply: it deletes \(old), but its hunks leave \(content.count) bytes of it")
            }
            return ProposedEdit(path: old, content: nil)
        case let (old?, new?) where old != new:
            // A rename stays a rename: judged against the old file's lines, as the hook would.
            return ProposedEdit(path: new, content: content, renamedFrom: old)
        case let (_, new?):
            return ProposedEdit(path: new, content: content)
        case (nil, nil):
            throw ToolFailure.invalid("\(argument): a patch with neither an old nor a new path (\(patch.header))")
        }
    }
}

/// Applies one file's hunks to its base bytes.
struct HunkApplier {
    let baseLines: [[UInt8]]
    let baseEndsWithNewline: Bool
    let path: String

    init(base: [UInt8], path: String) {
        baseLines = UnifiedDiff.lines(base)
        baseEndsWithNewline = base.last.map { $0 == UInt8(ascii: "\n") } ?? true
        self.path = path
    }

    func apply(_ hunks: [UnifiedDiff.Hunk]) throws -> [UInt8] {
        var result: [[UInt8]] = []
        var cursor = 0
        var endsWithNewline = baseEndsWithNewline
        for (number, hunk) in hunks.enumerated() {
            let old = hunk.oldLines
            let position = try locate(hunk, old, from: cursor, number: number + 1)
            result += baseLines[cursor..<position]
            result += hunk.newLines
            cursor = position + old.count
            if cursor == baseLines.count { endsWithNewline = !hunk.newEndsWithoutNewline }
        }
        result += baseLines[cursor...]
        guard !result.isEmpty else { return [] }
        var bytes = Array(result.joined(separator: [UInt8(ascii: "\n")]))
        if endsWithNewline { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// Where the hunk's old lines are, at or after `cursor`: at its header's line if they match
    /// there, else at the nearest line where they do.
    private func locate(_ hunk: UnifiedDiff.Hunk, _ old: [[UInt8]], from cursor: Int, number: Int) throws -> Int {
        // With no old lines, the header's start is the line the new ones go after.
        let expected = old.isEmpty ? hunk.oldStart : max(hunk.oldStart - 1, 0)
        let last = baseLines.count - old.count
        if old.isEmpty, (cursor...max(cursor, baseLines.count)).contains(expected) { return min(expected, baseLines.count) }
        guard last >= cursor else { throw mismatch(hunk, old, at: expected, number: number) }
        let reach = max(abs(expected - cursor), abs(last - expected))
        for distance in 0...reach {
            for candidate in [expected - distance, expected + distance] where candidate >= cursor && candidate <= last {
                if baseLines[candidate..<(candidate + old.count)].elementsEqual(old) { return candidate }
            }
            if expected - distance < cursor && expected + distance > last { break }
        }
        throw mismatch(hunk, old, at: expected, number: number)
    }

    private func mismatch(_ hunk: UnifiedDiff.Hunk, _ old: [[UInt8]], at expected: Int, number: Int) -> ToolFailure {
        var reason = "its lines are not in the file"
        if expected + old.count > baseLines.count {
            reason = "it expects \(old.count) lines from line \(expected + 1), but the index version has \(baseLines.count) lines"
        } else if let offset = old.indices.first(where: { baseLines[expected + $0] != old[$0] }) {
            reason = "line \(expected + offset + 1) is \(Self.quote(baseLines[expected + offset])) in the index, the hunk expects \(Self.quote(old[offset]))"
        }
        return .failed("the diff does not apply to \(path): hunk \(number) (\(hunk.header)) does not match the index version: \(reason). "
                       + "Make the diff against the staged content (git diff --cached for staged files, git diff for the rest)")
    }

    private static func quote(_ line: [UInt8]) -> String {
        let text = String(decoding: line.prefix(120), as: UTF8.self)
        return "'" + text + (line.count > 120 ? "…" : "") + "'"
    }
}
