import Foundation

/// Codex's `apply_patch` envelope: `*** Begin Patch`, then `*** Add File: PATH` (lines of `+`),
/// `*** Delete File: PATH`, or `*** Update File: PATH` (an optional `*** Move to: PATH`, then
/// chunks that start with `@@`, lines of ` ` context, `-` removed and `+` added), then
/// `*** End Patch`. Read so that each file's new content can be judged before Codex writes it.
public struct ApplyPatch: Sendable, Equatable {
    public enum Operation: Sendable, Equatable {
        case add(path: String, content: String)
        case delete(path: String)
        case update(path: String, moveTo: String?, chunks: [Chunk])
    }

    public struct Chunk: Sendable, Equatable {
        /// The `@@` line's text (a line to find first, such as a function's signature), if any.
        public var anchor: String?
        public var old: [String]
        public var new: [String]
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public var operations: [Operation]

    /// The envelope inside a shell command (`apply_patch <<'EOF' ... EOF`), if there is one.
    public static func envelope(in command: String) -> String? {
        guard command.contains("apply_patch"), let start = command.range(of: "*** Begin Patch"),
              let end = command.range(of: "*** End Patch", range: start.upperBound..<command.endIndex) else { return nil }
        return String(command[start.lowerBound..<end.upperBound])
    }

    public init(_ text: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }[...]
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "*** Begin Patch",
              lines.last?.trimmingCharacters(in: .whitespaces) == "*** End Patch" else {
            throw Failure(description: "the patch does not start with '*** Begin Patch' and end with '*** End Patch'")
        }
        lines = lines.dropFirst().dropLast()
        operations = []
        while let header = lines.popFirst() {
            if let path = header.value(after: "*** Add File: ") {
                var content: [String] = []
                while let line = lines.first, line.hasPrefix("+") { content.append(String(line.dropFirst())); lines.removeFirst() }
                operations.append(.add(path: path, content: content.map { $0 + "\n" }.joined()))
            } else if let path = header.value(after: "*** Delete File: ") {
                operations.append(.delete(path: path))
            } else if let path = header.value(after: "*** Update File: ") {
                let moveTo = lines.first?.value(after: "*** Move to: ")
                if moveTo != nil { lines.removeFirst() }
                operations.append(.update(path: path, moveTo: moveTo, chunks: try Self.chunks(&lines, path: path)))
            } else if !header.trimmingCharacters(in: .whitespaces).isEmpty {
                throw Failure(description: "unexpected line in the patch: '\(header.prefix(80))'")
            }
        }
    }

    private static func chunks(_ lines: inout ArraySlice<String>, path: String) throws -> [Chunk] {
        var chunks: [Chunk] = []
        while let line = lines.first, !line.hasPrefix("*** ") || line == "*** End of File" {
            lines.removeFirst()
            if line == "*** End of File" { continue }
            if line.hasPrefix("@@") {
                let anchor = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
                chunks.append(Chunk(anchor: anchor.isEmpty ? nil : anchor, old: [], new: []))
                continue
            }
            if chunks.isEmpty { chunks.append(Chunk(anchor: nil, old: [], new: [])) }
            let body = String(line.dropFirst())
            switch line.first {
            case "-": chunks[chunks.count - 1].old.append(body)
            case "+": chunks[chunks.count - 1].new.append(body)
            case " ", nil: chunks[chunks.count - 1].old.append(body); chunks[chunks.count - 1].new.append(body)
            default: throw Failure(description: "\(path): a chunk line must start with ' ', '-' or '+': '\(line.prefix(80))'")
            }
        }
        return chunks
    }

    /// `content` with an update's chunks applied in order, each found after the one before.
    public static func apply(_ chunks: [Chunk], to content: String, path: String) throws -> String {
        let endsWithNewline = content.isEmpty || content.hasSuffix("\n")
        var lines = content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if endsWithNewline, lines.last == "" { lines.removeLast() }
        var cursor = 0
        for (index, chunk) in chunks.enumerated() {
            if let anchor = chunk.anchor, let found = lines[cursor...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == anchor }) {
                cursor = found + 1
            }
            guard let at = find(chunk.old, in: lines, from: cursor) else {
                throw Failure(description: "\(path): chunk \(index + 1) of the patch does not match the file (its '-' and ' ' lines are not there)")
            }
            lines.replaceSubrange(at..<at + chunk.old.count, with: chunk.new)
            cursor = at + chunk.new.count
        }
        return lines.joined(separator: "\n") + (endsWithNewline && !lines.isEmpty ? "\n" : "")
    }

    /// Where `old` starts in `lines` at or after `start`: exactly, else ignoring trailing spaces.
    private static func find(_ old: [String], in lines: [String], from start: Int) -> Int? {
        if old.isEmpty { return lines.count }
        guard lines.count >= old.count else { return nil }
        let candidates = Array(min(start, lines.count - old.count)...(lines.count - old.count)) + Array(0..<min(start, lines.count - old.count))
        for compare in [{ (a: String, b: String) in a == b }, { $0.trimmingTrailingSpaces == $1.trimmingTrailingSpaces }] {
            if let found = candidates.first(where: { at in zip(lines[at..<at + old.count], old).allSatisfy(compare) }) { return found }
        }
        return nil
    }
}

extension String {
    fileprivate func value(after prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) : nil
    }

    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
