import Foundation
import XCTest
@testable import PromptMCPKit

/// An agent's edit is judged over everything changed since the last commit, by the agent tier.
final class AgentSessionTests: XCTestCase {
    private var repo: GitRepo!

    override func setUpWithError() throws {
        repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", """
            version: 1
            caps: { max_lines_per_file: 1000 }
            protected: [LICENSE]
            paths:
              - match: "Sources/Generated/**"
                caps: { max_lines_per_file: 5000 }
            agents:
              caps: { max_lines_per_file: 200, max_files: 3, max_total_lines: 300 }
              protected: ["Sources/Payments/**"]
              commit_trailers: ["(?im)^Co-Authored-By: Robot"]

            """)
        try repo.stage("a.swift", "let a = 1\n")
        try repo.commit("start")
    }

    private func lines(_ count: Int, _ word: String = "x") -> String {
        (0..<count).map { "let \(word)\($0) = \($0)\n" }.joined()
    }

    private func judge(_ edits: [ProposedEdit]) throws -> Report {
        try CheckSession(repository: try repo.open(), caller: "test").run(CheckRequest(.agentEdit(edits))).report
    }

    private func edit(_ path: String, _ text: String) -> ProposedEdit { ProposedEdit(path: path, content: Array(text.utf8)) }

    func testCapsCountTheUnstagedAndStagedEditsMadeSinceTheLastCommit() throws {
        try repo.write("a.swift", "let a = 1\n" + lines(150))  // unstaged
        let report = try judge([edit("a.swift", "let a = 1\n" + lines(150) + lines(60, "y"))])
        XCTAssertEqual(report.findings.map(\.rule), ["caps/max-lines-per-file"], "60 lines now, 210 since the last commit")
        XCTAssertTrue(report.findings[0].message.hasPrefix("210 lines changed, over the limit of 200"), report.findings[0].message)

        try repo.stage("b.swift", lines(190))  // staged
        let total = try judge([edit("c.swift", lines(100))])
        XCTAssertEqual(total.findings.map(\.rule), ["caps/max-total-lines"], "150 + 190 + 100 lines in three files")
    }

    func testFindingsInOtherDirtyFilesDoNotBlockAnEditOfThisOne() throws {
        try repo.write("notes.swift", "// TODO fix\n<<<<<<< HEAD\n")
        XCTAssertEqual(try judge([edit("a.swift", "let a = 2\n")]).findings.map(\.rule), [])
    }

    func testTheAgentTierProtectsItsPathsThePolicyAndThePeoplesProtectedPaths() throws {
        for path in ["Sources/Payments/Pay.swift", ".promptmcp/policy.yml", "LICENSE", ".claude/settings.json", ".github/hooks/promptmcp.json"] {
            let report = try judge([edit(path, "x\n")])
            XCTAssertTrue(report.findings.contains { $0.rule == "caps/protected-path" && $0.severity == .error }, path)
        }
    }

    func testAPathsOwnLargerCapCannotLiftTheAgentCap() throws {
        let report = try judge([edit("Sources/Generated/Big.swift", lines(250))])
        XCTAssertEqual(report.findings.map(\.rule), ["caps/max-lines-per-file"])
    }

    func testAllowPolicyEditsLetsAnAgentEditThePolicy() throws {
        let text = "version: 1\nagents:\n  allow_policy_edits: true\n"
        let policy = try PolicyLoader.load(text, file: "p.yml").agentTier()
        XCTAssertFalse(policy.settings(for: ".promptmcp/policy.yml").protected.value)
        XCTAssertTrue(try PolicyLoader.load("version: 1\n", file: "p.yml").agentTier().settings(for: ".promptmcp/policy.yml").protected.value,
                      "without an agents: section the policy still protects itself")
    }

    func testCommitTrailersRecogniseAnAgentsCommit() throws {
        let policy = try PolicySource.forStagedChange(in: try repo.open()).policy
        XCTAssertTrue(try XCTUnwrap(policy.agents).recognises(message: "Fix it\n\nCo-Authored-By: Robot <r@example.com>\n"))
        XCTAssertFalse(try XCTUnwrap(policy.agents).recognises(message: "Fix it\n\nCo-Authored-By: Claude <c@example.com>\n"),
                       "the policy's own list replaces the defaults")
        XCTAssertTrue(AgentsPolicy().recognises(message: "x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"))
    }

    func testAMisspeltAgentsKeyIsAnErrorWithASuggestion() {
        XCTAssertThrowsError(try PolicyLoader.load("version: 1\nagents:\n  caps: { max_line_per_file: 3 }\n", file: "p.yml")) { error in
            XCTAssertEqual((error as? PolicyError)?.diagnostics.map(\.description),
                           ["p.yml:3:11: error: unknown key 'max_line_per_file' in 'agents.caps'; did you mean 'max_lines_per_file'?"])
        }
    }
}

extension AgentSessionTests {
    func testCIJudgesACommitWithAnAgentsTrailerByTheAgentTier() throws {
        let base = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.stage("b.swift", lines(250))
        try repo.commit("By a person")
        try repo.stage("c.swift", lines(250, "y"))
        try repo.commit("By an agent\n\nCo-Authored-By: Robot <r@example.com>")
        let report = try CheckSession(repository: try repo.open(), caller: "test")
            .run(CheckRequest(.range(from: base, to: "HEAD", skipMerges: false, squash: false))).report
        XCTAssertEqual(report.findings.map(\.rule), ["caps/max-lines-per-file"], "250 lines: over the agent cap of 200, not the people's 1000")
        XCTAssertEqual(report.findings.first?.file, "c.swift")
        XCTAssertEqual(report.findings.first?.severity, .error)
        XCTAssertTrue(report.notes.contains { $0.contains("1 of 2 commits carry an agent's trailer") }, "\(report.notes)")
    }
}
