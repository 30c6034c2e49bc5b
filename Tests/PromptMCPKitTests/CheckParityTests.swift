import Foundation
import XCTest
@testable import PromptMCPKit
@testable import PromptMCPServer

/// One change, judged by every caller: the pre-commit and commit-msg hooks, `check --commit`,
/// a CI range and the MCP check tool's proposed diff give the same findings and the same notes.
final class CheckParityTests: XCTestCase {
    private static let policy = """
        version: 1
        caps: { max_lines_per_file: 20, max_files: 2, severity: error }
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
            let mcp = try run(.proposed(edits), in: repo)
            try repo.git("add", "-A")

            let message = "feat: \(change.name)"
            let hook = try run(.staged(amending: false), in: repo).adding(try run(.commitMessage(message, amending: false), in: repo))
            try repo.commit(message)
            let commit = try run(.commit("HEAD"), in: repo)
            let range = try run(.range(from: "HEAD~1", to: "HEAD", skipMerges: false, squash: false), in: repo)

            XCTAssertFalse(hook.findings.isEmpty, change.name)
            for (caller, judged) in [("MCP", mcp), ("--commit", commit), ("CI range", range)] {
                XCTAssertEqual(judged.findings, hook.findings, "\(change.name): \(caller)")
                XCTAssertEqual(judged.notes, hook.notes, "\(change.name): \(caller)")
            }
        }
    }

    private struct Judged {
        var findings: [String]
        var notes: [String]

        func adding(_ other: Judged) -> Judged { Judged(findings: (findings + other.findings).sorted(), notes: notes + other.notes) }
    }

    private func run(_ target: CheckRequest.Target, in repo: GitRepo) throws -> Judged {
        let report = try CheckSession(repository: try repo.open(), caller: "parity").run(CheckRequest(target)).report
        return Judged(findings: report.findings.map { "\($0.rule) \($0.severity.rawValue) \($0.file ?? "-"):\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }.sorted(),
                      notes: report.notes)
    }
}
