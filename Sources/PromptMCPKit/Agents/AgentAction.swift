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
    /// The text with this replacement made, or nil when `old` is not in it (the agent's own tool
    /// would then fail, so there is nothing to judge). An empty `old` on empty text creates a file.
    func applied(to text: String) -> String? {
        if old.isEmpty { return text.isEmpty ? new : nil }
        guard let range = text.range(of: old) else { return nil }
        return all ? text.replacingOccurrences(of: old, with: new) : text.replacingCharacters(in: range, with: new)
    }
}
