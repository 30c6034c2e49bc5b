import Foundation

/// One hook event an agent sends on standard input, read into what the policy judges.
///
/// Field names follow each agent's hook documentation: Claude Code and Codex (`PreToolUse`,
/// `tool_name`, `tool_input`), Gemini CLI (`BeforeTool`, the same fields), Cursor (`preToolUse`
/// with `tool_name`/`tool_input`, `beforeShellExecution` with `command`, `afterFileEdit` with
/// `file_path`), GitHub Copilot (`toolName` and `toolArgs`, a JSON string, or the VS Code
/// compatible `tool_name`/`tool_input`). The tool's input decides what it does (a `command`
/// runs a shell, `content` writes a file, `old_string`/`new_string` replace), so a tool an agent
/// renames tomorrow is still understood.
public struct AgentEvent: Sendable {
    public var agent: AgentKind
    /// `PreToolUse`, `BeforeTool`, `preToolUse`, `afterFileEdit`...
    public var name: String
    public var tool: String
    public var action: AgentAction
    /// The folder the agent works in (`cwd`, Cursor's first workspace root), when it says.
    public var directory: String?

    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    public init(agent: AgentKind, json bytes: [UInt8]) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let event = object as? [String: Any] else {
            throw Malformed(description: "the \(agent.displayName) hook event on standard input is not a JSON object")
        }
        self.agent = agent
        name = event["hook_event_name"] as? String ?? (event["toolName"] != nil ? "preToolUse" : "")
        directory = event["cwd"] as? String ?? (event["workspace_roots"] as? [String])?.first
        if name == "beforeShellExecution", let command = event["command"] as? String {
            tool = "Shell"
            action = .shell(command)
            return
        }
        if name == "afterFileEdit", let path = event["file_path"] as? String {
            tool = "afterFileEdit"
            action = .edited(path: path)
            return
        }
        guard let tool = event["tool_name"] as? String ?? event["toolName"] as? String, !tool.isEmpty else {
            throw Malformed(description: "the \(agent.displayName) hook event names no tool (tool_name or toolName)")
        }
        self.tool = tool
        action = try Self.action(tool, input: Self.input(event), agent: agent)
    }

    /// The tool's arguments: an object, or (Copilot's `toolArgs`) a JSON string holding one.
    private static func input(_ event: [String: Any]) throws -> [String: Any] {
        if let input = event["tool_input"] as? [String: Any] ?? event["toolArgs"] as? [String: Any] { return input }
        if let text = event["tool_input"] as? String ?? event["toolArgs"] as? String {
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                throw Malformed(description: "the tool's arguments are a string that is not a JSON object")
            }
            return parsed
        }
        return [:]
    }

    private static let shellTools: Set<String> = ["bash", "shell", "run_shell_command", "exec_command", "local_shell"]
    private static let deleteTools: Set<String> = ["delete", "delete_file"]

    private static func action(_ tool: String, input: [String: Any], agent: AgentKind) throws -> AgentAction {
        let path = input["file_path"] as? String ?? input["path"] as? String
        let lowered = tool.lowercased()
        if lowered == "apply_patch" {
            guard let patch = input["command"] as? String ?? input["patch"] as? String ?? input["input"] as? String else {
                throw Malformed(description: "apply_patch without its patch text (tool_input.command)")
            }
            return .patch(patch)
        }
        if shellTools.contains(lowered) || (input["command"] is String && path == nil) {
            guard let command = input["command"] as? String else { throw Malformed(description: "\(tool) without a command") }
            return ApplyPatch.envelope(in: command).map(AgentAction.patch) ?? .shell(command)
        }
        guard let path else { return .other(tool: tool) }
        if deleteTools.contains(lowered) { return .delete(path: path) }
        if let content = input["content"] as? String ?? input["file_text"] as? String { return .write(path: path, content: content) }
        if let edits = input["edits"] as? [[String: Any]] {
            return .replace(path: path, try edits.map(replacement))
        }
        if input["old_string"] != nil || input["old_str"] != nil {
            return .replace(path: path, [try replacement(input)])
        }
        return .other(tool: tool)
    }

    private static func replacement(_ fields: [String: Any]) throws -> AgentAction.Replacement {
        guard let old = fields["old_string"] as? String ?? fields["old_str"] as? String,
              let new = fields["new_string"] as? String ?? fields["new_str"] as? String else {
            throw Malformed(description: "an edit without old_string and new_string")
        }
        // Gemini's replace takes a count of occurrences; more than one means all of them.
        let all = fields["replace_all"] as? Bool ?? ((fields["expected_replacements"] as? Int ?? 1) > 1)
        return AgentAction.Replacement(old: old, new: new, all: all)
    }
}
