import Foundation
import XCTest
@testable import PromptMCPKit
import PromptMCPKnowledge
@testable import PromptMCPServer
@testable import promptmcp

/// One change, judged by every caller: the pre-commit and commit-msg hooks, `check --commit`
/// and a CI range (each through the command line's own translation into a request), and the MCP
/// check tool's proposed diff give the same findings and the same notes. The one note a proposed
/// change cannot share is about citations, which are judged with a message it does not have.
final class CheckParityTests: XCTestCase {
    private static let policy = """
        version: 1
        caps: { max_lines_per_file: 20, max_files: 2, severity: error }
        citations: { when: { paths: ["Sources/Crypto/**"] }, verify: cache }
        quality: { todo-without-reference: warning }
        paths:
          - match: "docs/**"
            rules: { "caps/*": warning }

        """

    /// Each change of the matrix, made in the work tree of a repository at its base commit.
    private let changes: [(name: String, make: (GitRepo) throws -> Void)] = [
        ("a new file with a key and trailing whitespace", { repo in
            try repo.write("app.py", "AWS_ACCESS_KEY_ID = \"AKIAVQJXXVBOTHD2WTFL\"\nx = 1   \n")
        }),
        ("a file grown past its cap, and a doc past it", { repo in
            try repo.write("lib.js", (1...40).map { "const v\($0) = \($0);\n" }.joined() + "console.log(v1);\n")
            try repo.write("docs/guide.md", (1...30).map { "Line \($0).\n" }.joined())
        }),
        ("a renamed file with one line changed and a to-do", { repo in
            try repo.git("mv", "big.txt", "moved.txt")
            try repo.write("moved.txt", (1...100).map { $0 == 50 ? "// TODO fix this\n" : "row \($0)\n" }.joined())
        }),
        ("three files over the file cap", { repo in
            for name in ["a", "b", "c"] { try repo.write("\(name).txt", "\(name)\n") }
        }),
    ]

    func testEveryCallerGivesTheSameFindingsAndNotesForTheSameChange() throws {
        for change in changes {
            let repo = try GitRepo()
            try repo.stage(".promptmcp/policy.yml", Self.policy)
            try repo.stage("big.txt", (1...100).map { "row \($0)\n" }.joined())
            try repo.commit("chore: base")
            try change.make(repo)
            try repo.git("add", "-A")

            let diff = try repo.git("diff", "--cached", "-M", "HEAD")
            try repo.git("reset", "-q")
            let edits = try DiffApplication(repository: try repo.open(), paths: PathConfinement(workDirectory: repo.path + "/")).edits(from: diff)
            let mcp = try run(CheckRequest(.proposed(edits)), in: repo)
            try repo.git("add", "-A")

            let message = "feat: \(change.name)"
            let messageFile = repo.root.appendingPathComponent(".git/COMMIT_EDITMSG").path
            try Data(message.utf8).write(to: URL(fileURLWithPath: messageFile))
            let hook = try run(.staged, in: repo).adding(try run(.commitMessage(file: messageFile), in: repo))
            try repo.commit(message)
            let commit = try run(.commit("HEAD"), in: repo)
            let range = try run(.range(from: "HEAD~1", to: "HEAD", skipMerges: false, squash: false), in: repo)

            XCTAssertFalse(hook.findings.isEmpty, change.name)
            XCTAssertTrue(hook.notes.contains { $0.hasPrefix("citations.verify is cache") }, "\(hook.notes)")
            for (caller, judged) in [("--commit", commit), ("CI range", range)] {
                XCTAssertEqual(judged.findings, hook.findings, "\(change.name): \(caller)")
                XCTAssertEqual(judged.notes, hook.notes, "\(change.name): \(caller)")
            }
            XCTAssertEqual(mcp.findings, hook.findings, "\(change.name): MCP")
            XCTAssertEqual(mcp.notes, hook.notes.filter { !$0.hasPrefix("citations.verify") }, "\(change.name): MCP")
        }
    }

    private struct Judged {
        var findings: [String]
        var notes: [String]

        func adding(_ other: Judged) -> Judged { Judged(findings: (findings + other.findings).sorted(), notes: notes + other.notes) }
    }

    /// A command line's target, as `promptmcp check` turns it into a request.
    private func run(_ target: CheckRun.Target, in repo: GitRepo) throws -> Judged {
        try run(try CheckRun(target: target, destination: ReportDestination()).request(), in: repo)
    }

    private func run(_ request: CheckRequest, in repo: GitRepo) throws -> Judged {
        var request = request
        request.environment["PROMPTMCP_CACHE_DIR"] = repo.root.appendingPathComponent("no-cache").path
        let session = CheckSession(repository: try repo.open(), caller: "parity", knowledge: OfflineKnowledge(environment: request.environment))
        let report = try session.run(request).report
        return Judged(findings: report.findings.map { "\($0.rule) \($0.severity.rawValue) \($0.file ?? "-"):\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }.sorted(),
                      notes: report.notes)
    }
}
