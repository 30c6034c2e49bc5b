import Foundation
import XCTest
@testable import PromptMCPKit

/// `promptmcp install --agent` and `uninstall --agent` on settings files that already hold
/// other settings and other hooks, through the built binary.
final class AgentSettingsTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage("a.txt", "a\n")
        try repo.commit("start")
    }

    /// Each agent's file with a hook of someone else's on the same event, and another setting.
    private static let existing: [AgentKind: String] = [
        .claudeCode: #"{"model": "opus", "hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "guard.sh"}]}], "Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]}}"#,
        .codex: #"{"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "audit.sh"}]}]}}"#,
        .gemini: #"{"theme": "GitHub", "hooks": {"BeforeTool": [{"matcher": "run_shell_command", "hooks": [{"type": "command", "command": "log.sh"}]}]}}"#,
        .cursor: #"{"version": 1, "hooks": {"preToolUse": [{"command": "./hooks/audit.sh"}], "stop": [{"command": "./hooks/stop.sh"}]}}"#,
        .copilot: #"{"version": 1, "hooks": {"preToolUse": [{"type": "command", "bash": "./scan.sh", "timeoutSec": 5}]}}"#,
    ]

    private func json(_ path: String) throws -> NSDictionary {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: repo.root.appendingPathComponent(path))) as? NSDictionary)
    }

    func testInstallMergesKeepsEveryOtherEntryIsIdempotentAndUninstallRestoresTheFile() throws {
        for agent in AgentKind.allCases {
            let settings = AgentSettings(agent: agent, root: repo.path)
            let original = try XCTUnwrap(Self.existing[agent])
            try repo.write(settings.file, original)
            let before = try json(settings.file)

            let installed = try repo.promptmcp("install", "--agent", agent.rawValue)
            XCTAssertEqual(installed.status, 0, installed.stderr)
            XCTAssertTrue(installed.stdout.contains("\(settings.file): merged promptmcp's \(agent.displayName) hook"), installed.stdout)
            XCTAssertTrue(installed.stdout.contains("promptmcp agent-hook --agent \(agent.rawValue) || exit 2"), installed.stdout)
            let merged = try json(settings.file)
            for (key, value) in before where key as? String != "hooks" { XCTAssertEqual(merged[key] as? NSObject, value as? NSObject, "\(agent): \(key)") }
            let hooks = try XCTUnwrap(merged["hooks"] as? [String: [Any]])
            for (event, list) in try XCTUnwrap(before["hooks"] as? [String: [Any]]) {
                for entry in list { XCTAssertTrue(hooks[event]?.contains { ($0 as? NSDictionary)?.isEqual(entry) == true } == true, "\(agent): \(event) kept") }
            }
            for (event, entry) in settings.entries {
                // Through JSON, as the file holds it (Foundation on Linux tells Int from NSNumber).
                let written = try XCTUnwrap(JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: entry)) as? NSDictionary)
                XCTAssertTrue(hooks[event]?.contains { ($0 as? NSDictionary)?.isEqual(written) == true } == true, "\(agent): \(event) added")
            }

            let again = try repo.promptmcp("install", "--agent", agent.rawValue)
            XCTAssertTrue(again.stdout.contains("already there; nothing changed"), again.stdout)
            XCTAssertEqual(try json(settings.file), merged, "\(agent): idempotent")

            let removed = try repo.promptmcp("uninstall", "--agent", agent.rawValue)
            XCTAssertEqual(removed.status, 0, removed.stderr)
            XCTAssertEqual(try json(settings.file), before, "\(agent): exactly our entries taken out")
        }
    }

    func testInstallIntoNoFileCreatesItAndUninstallDeletesIt() throws {
        for agent in AgentKind.allCases {
            let settings = AgentSettings(agent: agent, root: repo.path)
            XCTAssertEqual(try settings.install(), .written)
            XCTAssertEqual(try String(contentsOf: repo.root.appendingPathComponent(settings.file), encoding: .utf8), settings.snippet)
            XCTAssertEqual(try settings.uninstall(), .deleted)
            XCTAssertFalse(FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(settings.file).path))
            XCTAssertEqual(try settings.uninstall(), .absent)
        }
    }

    func testAFileThatIsNotJSONIsLeftAloneWithTheSnippetToAddByHand() throws {
        try repo.write(".claude/settings.json", "{ // my settings\n}\n")
        let result = try repo.promptmcp("install", "--agent", "claude-code")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(".claude/settings.json is not a JSON object"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\"PreToolUse\""), result.stderr)
        XCTAssertEqual(try String(contentsOf: repo.root.appendingPathComponent(".claude/settings.json"), encoding: .utf8), "{ // my settings\n}\n")
    }
}
