/// The AI coding agents whose hooks `promptmcp agent-hook` answers, each in its own protocol.
public enum AgentKind: String, Sendable, CaseIterable {
    case claudeCode = "claude-code"
    case cursor
    case gemini
    case codex
    case copilot

    public var displayName: String {
        switch self {
        case .claudeCode: return "Claude Code"
        case .cursor: return "Cursor"
        case .gemini: return "Gemini CLI"
        case .codex: return "OpenAI Codex"
        case .copilot: return "GitHub Copilot"
        }
    }
}
