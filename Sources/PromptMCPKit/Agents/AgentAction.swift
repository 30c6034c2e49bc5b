/// What a tool call of an agent would do, reduced to what the policy judges.
public enum AgentAction: Sendable, Equatable {
    /// Write a whole file (Claude Code's Write, Gemini's write_file, Copilot's create).
    case write(path: String, content: String)
    /// Replace strings in a file (Edit, MultiEdit, replace, str_replace), applied in order.
    case replace(path: String, [Replacement])
    /// A Codex `apply_patch` envelope, which may touch several files.
    case patch(String)
    case delete(path: String)
    /// A shell command (Bash, run_shell_command, Shell).
    case shell(String)
    /// A file the agent has just edited (Cursor's afterFileEdit): judged as it is now.
    case edited(path: String)
    /// A tool the policy has nothing to say about (Read, Grep, an MCP tool).
    case other(tool: String)

    public struct Replacement: Sendable, Equatable {
        public var old: String
        public var new: String
        public var all: Bool

        public init(old: String, new: String, all: Bool = false) {
            self.old = old
            self.new = new
            self.all = all
        }
    }
}

extension AgentAction.Replacement {
    /// The file's bytes with this replacement made, or nil when `old` is not in them (the agent's
    /// own tool would then fail, so there is nothing to judge). An empty `old` on an empty file
    /// creates it. Matched as UTF-8 bytes, as the agents' tools match code units: no Unicode
    /// equivalence, and none of Foundation's bridging, which cost an edit of a 100 KB file ~8 ms.
    func applied(to text: [UInt8]) -> [UInt8]? {
        let old = Array(self.old.utf8), new = Array(self.new.utf8)
        if old.isEmpty { return text.isEmpty ? new : nil }
        var result: [UInt8] = []
        var start = 0
        while let found = Self.firstIndex(of: old, in: text, from: start) {
            result += text[start..<found]
            result += new
            start = found + old.count
            if !all { break }
        }
        guard start > 0 else { return nil }
        return result + text[start...]
    }

    /// Where `needle` (not empty) first occurs in `haystack` at or after `start`.
    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        let lastStart = haystack.count - needle.count
        var candidate = start
        while candidate <= lastStart, let found = haystack[candidate...lastStart].firstIndex(of: needle[0]) {
            if haystack[found..<found + needle.count].elementsEqual(needle) { return found }
            candidate = found + 1
        }
        return nil
    }
}
