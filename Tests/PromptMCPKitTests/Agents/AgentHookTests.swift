import Foundation
import XCTest
@testable import PromptMCPKit

/// `promptmcp agent-hook` fed each agent's real event JSON (Tests/Fixtures/agent-events, shapes
/// from each agent's hook documentation) through the built binary, as the agent runs it.
final class AgentHookTests: XCTestCase {
    private var repo: GitRepo!
    /// Made here, so that no secret is committed (and the repository's own hook stays quiet).
    private let awsKey = "AKIA" + "QW3RTY7UIOP4ASD2"

    static let policy = """
        version: 1
        agents:
          caps: { max_lines_per_file: 200, max_total_lines: 400 }

        """

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", Self.policy)
        try repo.stage("Sources/App/main.swift", "print(\"hello\")\nprint(\"world\")\n")
        try repo.commit("start")
    }

    func testAnEditThatAddsAnAWSKeyIsBlockedByEveryAgent() throws {
        for agent in AgentKind.allCases {
            let answer = try run(agent, "edit-secret")
            let reason = try denial(answer, agent)
            XCTAssertTrue(reason.contains("secrets/aws-access-key"), "\(agent): \(reason)")
            XCTAssertTrue(reason.contains("Sources/App/"), "\(agent): the file is named: \(reason)")
            XCTAssertFalse(reason.contains(awsKey), "\(agent): the key is masked")
            XCTAssertTrue(reason.contains("budget since the last commit"), "\(agent): \(reason)")
        }
    }

    func testAWriteOfTwoThousandLinesOverTheAgentCapIsBlockedByEveryAgent() throws {
        for agent in AgentKind.allCases {
            let reason = try denial(try run(agent, "write-big"), agent)
            XCTAssertTrue(reason.contains("caps/max-lines-per-file Sources/App/Big.swift: 2000 lines changed, over the limit of 200"), "\(agent): \(reason)")
            XCTAssertTrue(reason.contains("caps/max-total-lines"), "\(agent): the change as a whole too: \(reason)")
        }
    }

    func testACleanEditIsAllowedSilentlyInEachAgentsOwnShape() throws {
        for agent in AgentKind.allCases {
            let answer = try run(agent, "multiedit-clean")
            XCTAssertEqual(answer.status, 0, "\(agent): \(answer.stderr)")
            XCTAssertEqual(answer.stderr, "", "\(agent)")
            switch agent {
            case .claudeCode, .codex, .copilot: XCTAssertEqual(answer.stdout, "", "\(agent): silence allows")
            case .gemini: XCTAssertEqual(try object(answer.stdout) as NSDictionary, ["decision": "allow"])
            case .cursor: XCTAssertEqual(try object(answer.stdout) as NSDictionary, ["permission": "allow"])
            }
        }
    }

    func testACommitOrPushWithoutHooksIsBlockedByEveryAgent() throws {
        for agent in AgentKind.allCases {
            let reason = try denial(try run(agent, "bash-no-verify"), agent)
            XCTAssertTrue(reason.contains("--no-verify skips"), "\(agent): \(reason)")
        }
    }

    func testCursorsAfterFileEditReportsAnEditAlreadyMadeOnItsLog() throws {
        try repo.write("Sources/App/main.swift", "let key = \"\(awsKey)\"\n")
        let answer = try run(.cursor, "after-file-edit")
        XCTAssertEqual(answer.stdout, "{}\n", "afterFileEdit cannot block; its output is an empty object")
        XCTAssertTrue(answer.stderr.contains("secrets/aws-access-key"), answer.stderr)
    }

    // MARK: - Fail closed

    func testAMalformedEventIsBlockedInEachAgentsShape() throws {
        for agent in AgentKind.allCases {
            for input in ["not json", "[1, 2]", "{\"hook_event_name\": \"PreToolUse\"}"] {
                let reason = try denial(try hook(agent, input), agent)
                XCTAssertTrue(reason.contains("cannot read the hook event"), "\(agent), \(input): \(reason)")
            }
        }
    }

    func testABrokenPolicyBlocksEveryEditWithTheProblemAsTheReason() throws {
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines: 3 }\n")
        for agent in AgentKind.allCases {
            let reason = try denial(try run(agent, "multiedit-clean"), agent)
            XCTAssertTrue(reason.contains("the policy cannot be read"), "\(agent): \(reason)")
            XCTAssertTrue(reason.contains(".promptmcp/policy.yml:2:9: error: unknown key 'max_lines'"), "\(agent): \(reason)")
        }
    }

    func testBadArgumentsBlockWithStatusTwo() throws {
        for arguments in [["agent-hook"], ["agent-hook", "--agent", "vim"], ["agent-hook", "--agent", "cursor", "--timeout", "soon"]] {
            let result = try Command.run(Command.promptmcpBinary.path, arguments, in: repo.path, input: "{}")
            XCTAssertEqual(result.status, 2, "\(arguments): Claude Code, Codex and Gemini CLI block on 2")
            XCTAssertTrue(result.stderr.contains("the tool call is blocked"), result.stderr)
        }
    }

    func testAnEventThatNeverEndsIsBlockedWhenTheTimeoutRunsOut() throws {
        let process = Process()
        process.executableURL = Command.promptmcpBinary
        process.arguments = ["agent-hook", "--agent", "claude-code", "--timeout", "1"]
        process.currentDirectoryURL = URL(fileURLWithPath: repo.path)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("{\"hook_event_name\":".utf8))  // and nothing more, for ever
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try input.fileHandleForWriting.close()
        let reason = try denial(AgentAnswer(stdout: String(decoding: answer, as: UTF8.self), status: process.terminationStatus), .claudeCode)
        XCTAssertTrue(reason.contains("took more than 1 s"), reason)
    }

    // MARK: - Helpers

    /// Runs a fixture through the binary, placeholders filled in.
    func run(_ agent: AgentKind, _ fixture: String) throws -> AgentAnswer {
        let url = Self.fixtures.appendingPathComponent("\(agent.rawValue)/\(fixture).json")
        let event = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let filled = try JSONSerialization.data(withJSONObject: fill(event))
        return try hook(agent, String(decoding: filled, as: UTF8.self))
    }

    func hook(_ agent: AgentKind, _ input: String) throws -> AgentAnswer {
        let result = try Command.run(Command.promptmcpBinary.path, ["agent-hook", "--agent", agent.rawValue], in: repo.path, input: input)
        return AgentAnswer(stdout: result.stdout, stderr: result.stderr, status: result.status)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/agent-events")

    private func fill(_ value: Any, key: String = "") throws -> Any {
        switch value {
        case let object as [String: Any]:
            return try object.reduce(into: [String: Any]()) { $0[$1.key] = try fill($1.value, key: $1.key) }
        case let array as [Any]:
            return try array.map { try fill($0) }
        case let text as String where key == "toolArgs":
            // Copilot's arguments are JSON inside a string: filled inside, then written again.
            let inner = try JSONSerialization.jsonObject(with: Data(text.utf8))
            return String(decoding: try JSONSerialization.data(withJSONObject: try fill(inner)), as: UTF8.self)
        case let text as String:
            let root = repo.path.hasSuffix("/") ? String(repo.path.dropLast()) : repo.path
            return text.replacingOccurrences(of: "{{ROOT}}", with: root).replacingOccurrences(of: "{{AWS_KEY}}", with: awsKey)
                .replacingOccurrences(of: "{{LINES_2000}}", with: String(repeating: "let x = 1\n", count: 2000))
                .replacingOccurrences(of: "{{PLUS_LINES_2000}}", with: String(repeating: "+let x = 1\n", count: 2000))
        default:
            return value
        }
    }

    func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    /// The reason of a block, after checking that the answer has exactly the agent's documented shape.
    func denial(_ answer: AgentAnswer, _ agent: AgentKind, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        XCTAssertEqual(answer.status, 0, "a block is a documented answer, never an exit status alone", file: file, line: line)
        XCTAssertTrue(answer.stdout.hasSuffix("\n") && !answer.stdout.dropLast().contains("\n"), "one line of JSON", file: file, line: line)
        let json = try object(answer.stdout)
        switch agent {
        case .claudeCode, .codex:
            XCTAssertEqual(Set(json.keys), ["hookSpecificOutput"], file: file, line: line)
            let inner = try XCTUnwrap(json["hookSpecificOutput"] as? [String: Any])
            XCTAssertEqual(Set(inner.keys), ["hookEventName", "permissionDecision", "permissionDecisionReason"], file: file, line: line)
            XCTAssertEqual(inner["hookEventName"] as? String, "PreToolUse", file: file, line: line)
            XCTAssertEqual(inner["permissionDecision"] as? String, "deny", file: file, line: line)
            return try XCTUnwrap(inner["permissionDecisionReason"] as? String)
        case .gemini:
            XCTAssertEqual(Set(json.keys), ["decision", "reason"], file: file, line: line)
            XCTAssertEqual(json["decision"] as? String, "deny", file: file, line: line)
            return try XCTUnwrap(json["reason"] as? String)
        case .cursor:
            XCTAssertEqual(Set(json.keys), ["permission", "user_message", "agent_message"], file: file, line: line)
            XCTAssertEqual(json["permission"] as? String, "deny", file: file, line: line)
            return try XCTUnwrap(json["agent_message"] as? String)
        case .copilot:
            XCTAssertEqual(Set(json.keys), ["permissionDecision", "permissionDecisionReason"], file: file, line: line)
            XCTAssertEqual(json["permissionDecision"] as? String, "deny", file: file, line: line)
            return try XCTUnwrap(json["permissionDecisionReason"] as? String)
        }
    }
}
