/// The answer to one hook event, in the agent's own protocol: what goes to standard output and
/// standard error, and the exit status. Every block is a documented deny on standard output
/// with status 0 where the agent reads one, never an exit status alone: Claude Code and Codex
/// let a tool call through on any status but 2, so a block must not hang on a status.
public struct AgentAnswer: Sendable, Equatable {
    public var stdout: String
    public var stderr = ""
    public var status: Int32 = 0

    public enum Verdict: Sendable, Equatable {
        case allow
        case block(String)
    }

    public init(stdout: String, stderr: String = "", status: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }

    /// `event` is the hook event's name (`PreToolUse`, `afterFileEdit`...): Cursor's
    /// afterFileEdit comes after the edit and cannot block, so its verdict goes to the log.
    public init(_ verdict: Verdict, agent: AgentKind, event: String) {
        switch (agent, verdict) {
        case (.claudeCode, .allow), (.codex, .allow), (.copilot, .allow):
            self.init(stdout: "")
        case (.claudeCode, .block(let reason)), (.codex, .block(let reason)):
            self.init(stdout: Self.line(["hookSpecificOutput": ["hookEventName": "PreToolUse", "permissionDecision": "deny",
                                                                 "permissionDecisionReason": .string(reason)]]))
        case (.gemini, .allow):
            self.init(stdout: Self.line(["decision": "allow"]))
        case (.gemini, .block(let reason)):
            self.init(stdout: Self.line(["decision": "deny", "reason": .string(reason)]))
        case (.cursor, .allow) where event == "afterFileEdit":
            self.init(stdout: "{}\n")
        case (.cursor, .block(let reason)) where event == "afterFileEdit":
            self.init(stdout: "{}\n", stderr: "promptmcp: the edit already made breaks the policy:\n\(reason)\n")
        case (.cursor, .allow):
            self.init(stdout: Self.line(["permission": "allow"]))
        case (.cursor, .block(let reason)):
            self.init(stdout: Self.line(["permission": "deny", "user_message": .string(Self.firstLine(reason)),
                                         "agent_message": .string(reason)]))
        case (.copilot, .block(let reason)):
            self.init(stdout: Self.line(["permissionDecision": "deny", "permissionDecisionReason": .string(reason)]))
        }
    }

    private static func line(_ value: JSONValue) -> String {
        JSONText.compact(value) + "\n"
    }

    private static func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }
}
