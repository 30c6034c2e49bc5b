import Foundation
import XCTest
@testable import PromptMCPKit

/// Which copy of `.promptmcp/policy.yml` judges, and the policy commands of the CLI, on real
/// repositories in temporary folders.
final class PolicySourceTests: XCTestCase {
    private let policyFile = PolicyLoader.path

    private func policy(maxFiles: Int) -> String { "version: 1\ncaps:\n  max_files: \(maxFiles)\n" }

    // MARK: - PolicySource

    func testStagedPolicyJudgesEvenWhenTheWorkTreeCopyDiffers() throws {
        let repo = try GitRepo()
        try repo.stage(policyFile, policy(maxFiles: 3))
        try repo.write(policyFile, policy(maxFiles: 9))
        let resolved = try PolicySource.forStagedChange(in: repo.open())
        XCTAssertEqual(resolved.policy.caps.maxFiles.value, 3)
        XCTAssertEqual(resolved.source, ".promptmcp/policy.yml (staged)")
        XCTAssertEqual(resolved.notes, [
            ".promptmcp/policy.yml has unstaged edits; the staged version judges this commit (git add it to use the edits)",
        ])
    }

    func testStagedPolicyMatchingTheWorkTreeHasNoNote() throws {
        let repo = try GitRepo()
        try repo.stage(policyFile, policy(maxFiles: 3))
        let resolved = try PolicySource.forStagedChange(in: repo.open())
        XCTAssertEqual(resolved.policy.caps.maxFiles.value, 3)
        XCTAssertEqual(resolved.notes, [])
    }

    func testUntrackedPolicyIsUsedWithANote() throws {
        let repo = try GitRepo()
        try repo.write(policyFile, policy(maxFiles: 4))
        let resolved = try PolicySource.forStagedChange(in: repo.open())
        XCTAssertEqual(resolved.policy.caps.maxFiles.value, 4)
        XCTAssertEqual(resolved.source, ".promptmcp/policy.yml (not staged yet)")
        XCTAssertEqual(resolved.notes, [".promptmcp/policy.yml is not staged yet; it is used as it is in the work tree"])
    }

    func testNoPolicyFileMeansTheBuiltInDefaults() throws {
        let repo = try GitRepo()
        let repository = try repo.open()
        for resolved in [try PolicySource.forStagedChange(in: repository), try PolicySource.forWorkTree(in: repository)] {
            XCTAssertEqual(resolved.source, "built-in defaults (no .promptmcp/policy.yml)")
            XCTAssertEqual(resolved.policy.caps.maxFiles, Located(50))
            XCTAssertEqual(resolved.notes, [])
        }
    }

    func testAtCommitReadsThatCommitsPolicy() throws {
        let repo = try GitRepo()
        try repo.stage("README.md", "hello\n")
        try repo.commit("no policy yet")
        try repo.stage(policyFile, policy(maxFiles: 3))
        try repo.commit("policy")
        try repo.stage(policyFile, policy(maxFiles: 7))
        try repo.commit("relax the policy")
        try repo.stage(policyFile, policy(maxFiles: 11))
        let repository = try repo.open()

        func judging(at revision: String) throws -> ResolvedPolicy {
            try JudgingInputs.at(try repository.resolveCommit(revision), in: repository).policy
        }
        let previous = try judging(at: "HEAD~1")
        XCTAssertEqual(previous.policy.caps.maxFiles.value, 3)
        let id = try repository.resolveCommit("HEAD~1")
        XCTAssertEqual(previous.source, ".promptmcp/policy.yml (at \(id.short))")
        XCTAssertEqual(try judging(at: "HEAD").policy.caps.maxFiles.value, 7)
        XCTAssertEqual(try judging(at: "HEAD~2").source, "built-in defaults (no .promptmcp/policy.yml)")
    }

    func testABrokenStagedPolicyIsAnErrorNotTheDefaults() throws {
        let repo = try GitRepo()
        try repo.stage(policyFile, "version: 1\ncaps: { max_files: many }\n")
        XCTAssertThrowsError(try PolicySource.forStagedChange(in: repo.open())) { error in
            XCTAssertEqual((error as? PolicyError)?.description,
                           ".promptmcp/policy.yml:2:20: error: 'caps.max_files' must be a whole number from 0 to 1000000000, not 'many'")
        }
    }

    func testPolicyThatIsNotUTF8IsRejected() throws {
        XCTAssertThrowsError(try PolicySource.resolved([0x76, 0xFF, 0xFE], label: "x", notes: [])) { error in
            XCTAssertEqual((error as? PolicyError)?.description,
                           ".promptmcp/policy.yml:1:1: error: the policy file is not valid UTF-8 text")
        }
    }

    // MARK: - promptmcp config

    func testConfigValidateReportsEveryErrorWithFileLineAndColumn() throws {
        let repo = try GitRepo()
        try repo.write(policyFile, "version: 1\ncap:\n  max_files: 3\ncaps:\n  severity: eror\n")
        let result = try repo.promptmcp("config", "validate")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, """
        .promptmcp/policy.yml:2:1: error: unknown key 'cap'; did you mean 'caps'?
        .promptmcp/policy.yml:5:13: error: 'caps.severity' must be 'error', 'warning' or 'off', not 'eror'; did you mean 'error'?

        """)
    }

    func testConfigValidateAcceptsAGoodPolicy() throws {
        let repo = try GitRepo()
        try repo.write(policyFile, StarterPolicy.text)
        let result = try repo.promptmcp("config", "validate")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, ".promptmcp/policy.yml: valid\n")
        XCTAssertEqual(result.stderr, "")
    }

    func testConfigValidateNamesNoSectionAsUnenforcedNowThatMCPIsEnforced() throws {
        let repo = try GitRepo()
        try repo.write(policyFile, "version: 1\nquality:\n  line-length: { max: 120 }\nmcp:\n  rate_limits: { promptmcp_check: 60/min }\n")
        let result = try repo.promptmcp("config", "validate")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "", "mcp's rate limits are enforced by promptmcp mcp")
    }

    func testConfigShowNamesWhereEachValueComesFromAndItsOutputValidates() throws {
        let repo = try GitRepo()
        try repo.write(policyFile, """
        version: 1
        caps:
          max_files: 12
        paths:
          - match: "docs/**"
            caps: { max_lines_per_file: 2000 }

        """)
        let shown = try repo.promptmcp("config", "show")
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let lines = shown.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("  max_files: 12   # .promptmcp/policy.yml:3"), shown.stdout)
        XCTAssertTrue(lines.contains("  max_lines_per_file: 500   # built-in default"), shown.stdout)
        XCTAssertTrue(lines.contains("  - match: ['docs/**']   # .promptmcp/policy.yml:5"), shown.stdout)
        XCTAssertTrue(lines.contains("      max_lines_per_file: 2000   # .promptmcp/policy.yml:6"), shown.stdout)

        try repo.write("shown.yml", shown.stdout)
        let validated = try repo.promptmcp("config", "validate", "--file", "shown.yml")
        XCTAssertEqual(validated.status, 0, validated.stderr)
        XCTAssertEqual(validated.stdout, "shown.yml: valid\n")
    }

    func testConfigShowHasEverySectionOfThePolicyWithOrigins() throws {
        let repo = try GitRepo()
        try repo.write(policyFile, """
        version: 1
        quality:
          line-length: { max: 120 }
        secrets:
          allow: { values: ['^EXAMPLE'] }
          rules: { jwt: warning }
        message:
          pattern: '^(feat|fix): '
        citations:
          when: { paths: ["Sources/Crypto/**"], min_added_lines: 5 }
        rate_limits:
          - { paths: ["db/**"], max_commits: 3, window: 1d }
        tests:
          - { name: unit, command: ["swift", "test"], when: ["Sources/**"] }
        mcp:
          rate_limits: { promptmcp_check: 60/min }

        """)
        let shown = try repo.promptmcp("config", "show")
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let lines = Set(shown.stdout.split(separator: "\n").map(String.init))
        for expected in [
            "    max: 120   # .promptmcp/policy.yml:3", "    comments: false   # built-in default",
            "  todo-without-reference:", "    severity: off   # built-in default",
            "      - '^EXAMPLE'   # .promptmcp/policy.yml:5", "    jwt:", "      severity: warning   # .promptmcp/policy.yml:6",
            "  pattern: '^(feat|fix): '   # .promptmcp/policy.yml:8", "  subject_max: 72   # built-in default",
            "citations:   # .promptmcp/policy.yml:10", "    min_added_lines: 5   # .promptmcp/policy.yml:10",
            "  - paths: ['db/**']   # .promptmcp/policy.yml:12", "    window: 86400s   # .promptmcp/policy.yml:12",
            "  - name: 'unit'   # .promptmcp/policy.yml:14", "    command: ['swift', 'test']",
            "    'promptmcp_check': 60/min   # .promptmcp/policy.yml:16",
        ] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected) in:\n\(shown.stdout)")
        }
        try repo.write("shown.yml", shown.stdout)
        let validated = try repo.promptmcp("config", "validate", "--file", "shown.yml")
        XCTAssertEqual(validated.status, 0, validated.stderr)
    }

    // MARK: - promptmcp explain

    private func repoWithExamplePolicy() throws -> GitRepo {
        let repo = try GitRepo()
        try repo.write(policyFile, """
        version: 1
        protected:
          - LICENSE
        paths:
          - match: "docs/**"
            caps: { max_lines_per_file: 2000 }
          - match: "vendor/**"
            exclude: true

        """)
        return repo
    }

    func testExplainAProtectedPath() throws {
        let result = try repoWithExamplePolicy().promptmcp("explain", "LICENSE")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("  protected:           yes: any change is a finding (error)  [.promptmcp/policy.yml:3]\n"), result.stdout)
    }

    func testExplainAnExcludedPath() throws {
        let result = try repoWithExamplePolicy().promptmcp("explain", "vendor/lib/a.c")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
        vendor/lib/a.c  (policy: .promptmcp/policy.yml)
          excluded:            yes: no rule judges this path  [.promptmcp/policy.yml:8]

        """)
    }

    func testExplainShowsTheLineOfTheOverrideThatApplies() throws {
        let repo = try repoWithExamplePolicy()
        try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let result = try repo.promptmcp("explain", "guide.md", in: "docs")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("docs/guide.md  (policy: .promptmcp/policy.yml)\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  max_lines_per_file:  2000 (changed lines)  [.promptmcp/policy.yml:6]\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  paths: entries matching: .promptmcp/policy.yml:5 (last wins)\n"), result.stdout)
    }

    func testExplainAPathOutsideTheRepositoryIsAUsageError() throws {
        let result = try repoWithExamplePolicy().promptmcp("explain", "../elsewhere.txt")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("../elsewhere.txt is outside the repository"), result.stderr)
    }

    // MARK: - promptmcp init and check

    func testInitWritesTheStarterAndRefusesToOverwriteWithoutForce() throws {
        let repo = try GitRepo()
        let first = try repo.promptmcp("init")
        XCTAssertEqual(first.status, 0, first.stderr)
        let written = repo.root.appendingPathComponent(policyFile)
        XCTAssertEqual(try String(contentsOf: written, encoding: .utf8), StarterPolicy.text)

        try repo.write(policyFile, policy(maxFiles: 3))
        let again = try repo.promptmcp("init")
        XCTAssertEqual(again.status, 2)
        XCTAssertEqual(again.stderr, "promptmcp: .promptmcp/policy.yml already exists; use --force to replace it\n")
        XCTAssertEqual(try String(contentsOf: written, encoding: .utf8), policy(maxFiles: 3), "the user's file is untouched")

        let forced = try repo.promptmcp("init", "--force")
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(try String(contentsOf: written, encoding: .utf8), StarterPolicy.text)
    }

    func testInitProtectsTheRealLicenceNamesTheCIFolderAndAcceptsTheErrorsAlreadyThere() throws {
        let repo = try GitRepo()
        try repo.stage("LICENSE.md", "MIT\n")
        try repo.stage(".github/workflows/ci.yml", "on: push\n")
        try repo.stage("config/.env", "TOKEN=1\n")
        try repo.stage("Sources/a.swift", "let a = 1\n")
        try repo.commit()
        let result = try repo.promptmcp("init")
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.stdout.contains("has 1 error; accepted in .promptmcp/baseline.json"), result.stdout)
        XCTAssertTrue(result.stdout.contains("config/.env: "), result.stdout)
        let written = try String(contentsOf: repo.root.appendingPathComponent(policyFile), encoding: .utf8)
        XCTAssertEqual(written, StarterPolicy.text(for: .init(licences: ["LICENSE.md"], ci: [".github/workflows/**"])))
        XCTAssertTrue(written.contains("protected:\n  - 'LICENSE.md'\n#  - '.github/workflows/**'"), written)
        XCTAssertNoThrow(try PolicyLoader.load(written, file: policyFile))

        let scan = try repo.promptmcp("scan", "--format", "json")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
        let errors = (report["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String == "error" }
            .compactMap { $0["rule"] as? String }.filter { !$0.hasPrefix("caps/") }
        XCTAssertEqual(errors, [], "content errors are accepted; caps are not a scan's business (issue 11)")
        try repo.stage("config/.env.local", "TOKEN=2\n")
        XCTAssertEqual(try repo.promptmcp("check").status, 1, "a new forbidden file still blocks")
    }

    func testCheckWithABrokenPolicyExitsTwo() throws {
        let repo = try GitRepo()
        try repo.stage("README.md", "hello\n")
        try repo.stage(policyFile, "version: 1\ncaps:\n  max_line_per_file: 10\n")
        let result = try repo.promptmcp("check")
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr,
                       ".promptmcp/policy.yml:3:3: error: unknown key 'max_line_per_file' in 'caps'; did you mean 'max_lines_per_file'?\n")
    }
}
