import Foundation

/// `promptmcp install --agent NAME`: the hook entries that make an agent run
/// `promptmcp agent-hook` before its tool calls, merged into the agent's project settings file.
/// Every other entry of the file is kept; installing twice changes nothing; uninstalling takes
/// out exactly the entries whose command is `promptmcp agent-hook` (and the file, when nothing
/// else is left in it).
public struct AgentSettings {
    public let agent: AgentKind
    public let root: String

    public init(agent: AgentKind, root: String) {
        self.agent = agent
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The command each entry runs. `|| exit 2` keeps it closed when promptmcp cannot even
    /// start (not on PATH, killed): exit status 2 is a block for Claude Code, Codex and Gemini CLI.
    public var command: String { "promptmcp agent-hook --agent \(agent.rawValue) || exit 2" }

    /// The settings file, relative to the repository root.
    public var file: String {
        switch agent {
        case .claudeCode: return ".claude/settings.json"
        case .cursor: return ".cursor/hooks.json"
        case .gemini: return ".gemini/settings.json"
        case .codex: return ".codex/hooks.json"
        case .copilot: return ".github/hooks/promptmcp.json"
        }
    }

    /// Event name to the entry that goes in its list.
    public var entries: [(event: String, entry: [String: Any])] {
        func group(_ matcher: String, timeout: Int) -> [String: Any] {
            ["matcher": matcher, "hooks": [["type": "command", "command": command, "timeout": timeout]]]
        }
        switch agent {
        case .claudeCode: return [("PreToolUse", group("Edit|MultiEdit|Write|Bash", timeout: 30))]
        case .codex: return [("PreToolUse", group("apply_patch|Bash|Edit|Write", timeout: 30))]
        case .gemini: return [("BeforeTool", group("write_file|replace|run_shell_command", timeout: 30_000))]  // milliseconds
        case .cursor: return [("preToolUse", ["command": command]), ("afterFileEdit", ["command": command])]
        case .copilot: return [("preToolUse", ["type": "command", "bash": command, "timeoutSec": 30])]
        }
    }

    /// The top level of a new file: Cursor's and Copilot's files carry a version.
    private var skeleton: [String: Any] { agent == .cursor || agent == .copilot ? ["version": 1] : [:] }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public enum Outcome: Equatable {
        case written, unchanged, removed, deleted, absent
    }

    /// Merges the entries into the file (created when missing).
    public func install() throws -> Outcome {
        var settings = try read() ?? skeleton
        var hooks = settings["hooks"] as? [String: Any] ?? [:]
        for (event, entry) in entries {
            let list = hooks[event] as? [Any] ?? []
            // In the place of the one there before, so that installing again changes nothing.
            let place = list.firstIndex(where: holdsOurs)
            var kept = list.compactMap(withoutOurs)
            kept.insert(entry, at: min(place ?? kept.count, kept.count))
            hooks[event] = kept
        }
        settings["hooks"] = hooks
        return try write(settings)
    }

    /// Takes our entries out of the file; deletes it when nothing else is left.
    public func uninstall() throws -> Outcome {
        guard var settings = try read() else { return .absent }
        var hooks = settings["hooks"] as? [String: Any] ?? [:]
        for (event, list) in hooks {
            guard let list = list as? [Any] else { continue }
            let kept = list.compactMap(withoutOurs)
            if kept.isEmpty { hooks.removeValue(forKey: event) } else { hooks[event] = kept }
        }
        if hooks.isEmpty { settings.removeValue(forKey: "hooks") } else { settings["hooks"] = hooks }
        if try Self.encode(settings) == Self.encode(skeleton) {
            try FileManager.default.removeItem(atPath: path)
            return .deleted
        }
        return try write(settings) == .unchanged ? .unchanged : .removed
    }

    /// The entry without our hook: nil when it is ours, or a group with only ours in it.
    private func withoutOurs(_ entry: Any) -> Any? {
        guard var object = entry as? [String: Any] else { return entry }
        if isOurs(object) { return nil }
        guard let inner = object["hooks"] as? [Any] else { return object }
        let kept = inner.filter { !(($0 as? [String: Any]).map(isOurs) ?? false) }
        if kept.isEmpty, !inner.isEmpty { return nil }
        object["hooks"] = kept
        return object
    }

    private func holdsOurs(_ entry: Any) -> Bool {
        guard let object = entry as? [String: Any] else { return false }
        return isOurs(object) || (object["hooks"] as? [Any] ?? []).contains { ($0 as? [String: Any]).map(isOurs) ?? false }
    }

    private func isOurs(_ hook: [String: Any]) -> Bool {
        [hook["command"], hook["bash"]].contains { ($0 as? String)?.contains("promptmcp agent-hook") == true }
    }

    private var path: String { root + "/" + file }

    private func read() throws -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "\(file) is not a JSON object (comments are not supported), so it is left alone; add this by hand:\n\(snippet)")
        }
        return object
    }

    private func write(_ settings: [String: Any]) throws -> Outcome {
        let data = try Self.encode(settings)
        if FileManager.default.contents(atPath: path) == data { return .unchanged }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure(description: "cannot write \(file): \(error.localizedDescription)")
        }
        return .written
    }

    private static func encode(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + Data("\n".utf8)
    }

    /// What `install` merges in, as it would stand alone in a new file.
    public var snippet: String {
        var settings = skeleton
        settings["hooks"] = Dictionary(entries.map { ($0.event, [$0.entry]) }) { $1 }
        return (try? Self.encode(settings)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
