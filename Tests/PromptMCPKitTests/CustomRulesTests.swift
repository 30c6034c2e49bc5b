import XCTest
@testable import PromptMCPKit

/// The policy's own rules: `secrets.custom` entries join the one secret scan, `content_rules`
/// search added lines, both are validated at their place, and `config validate` runs their examples.
final class CustomRulesTests: XCTestCase {
    static let policy = """
    version: 1
    secrets:
      custom:
        - id: acme-token
          description: ACME deploy token
          pattern: 'acme_(?:live|test)_([a-z0-9]{32})'
          keywords: [acme_]
          entropy: "3.0"
          paths: ["deploy/**", "*.env"]
          examples:
            match: ["ACME=acme_live_0123456789abcdefghijklmnopqrstuv"]
            no_match: ["acme_live_short"]
    content_rules:
      - id: no-console-log
        pattern: 'console\\.log\\('
        paths: ["src/**"]
        exclude: ["src/vendor/**"]
        message: "console.log left in the code"
        hint: "use the logger (src/log.ts)"
        severity: warning
        examples:
          match: ["  console.log(user)"]
          no_match: ["logger.info(user)"]

    """

    func testACustomSecretIsFoundByItsKeywordAndReportedUnderItsOwnId() throws {
        let policy = try PolicyLoader.load(Self.policy, file: "policy.yml")
        let token = "acme_live_k3v9x2m8q7w4z1p6r5t0y8u2i4o6a9s1"
        let found = try findings("# deploy\nexport ACME_TOKEN=\(token)\n", path: "deploy/run.sh", policy: policy)
        XCTAssertEqual(found.map { "\($0.rule) \($0.line ?? 0):\($0.column ?? 0) \($0.severity)" }, ["secrets/acme-token 2:29 error"])
        XCTAssertEqual(found.first?.message, "ACME deploy token: \u{2026}(32 chars)", "the capture group is the secret, and it is masked")
        XCTAssertEqual(try findings("export ACME_TOKEN=\(token)\n", path: "src/app.sh", policy: policy), [], "outside its paths")
        XCTAssertEqual(try findings("ACME=acme_live_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: "prod.env", policy: policy), [], "below its entropy")
    }

    func testAContentRuleReportsEachMatchInItsPathsWithItsMessage() throws {
        let policy = try PolicyLoader.load(Self.policy, file: "policy.yml")
        let text = "const a = 1;\nif (a) { console.log(a) }\n"
        let found = try findings(text, path: "src/app.ts", policy: policy, prefix: "content/")
        XCTAssertEqual(found.map { "\($0.rule) \($0.line ?? 0):\($0.column ?? 0) \($0.severity)" }, ["content/no-console-log 2:10 warning"])
        XCTAssertEqual(found.first?.message, "console.log left in the code")
        XCTAssertEqual(found.first?.hint, "use the logger (src/log.ts)")
        XCTAssertEqual(try findings(text, path: "src/vendor/lib.js", policy: policy, prefix: "content/"), [])
        XCTAssertEqual(try findings(text, path: "scripts/app.ts", policy: policy, prefix: "content/"), [])
        // A path may switch the rule off by its id, as for a built-in rule.
        let quiet = try PolicyLoader.load(Self.policy + "paths:\n  - match: \"src/legacy/**\"\n    rules: { \"content/no-console-log\": off }\n",
                                          file: "policy.yml")
        XCTAssertEqual(try findings(text, path: "src/legacy/old.ts", policy: quiet, prefix: "content/"), [])
        XCTAssertEqual(try findings(text, path: "src/app.ts", policy: quiet, prefix: "content/").count, 1)
    }

    func testTheCustomRulesAreValidatedAtTheirPlace() {
        let text = """
        version: 1
        secrets:
          custom:
            - { id: generic-secret, pattern: 'x', keywords: [abc] }
            - { id: Bad_Id, pattern: 'x', keywords: [ab] }
            - { id: ok, pattern: '(', keywords: [abc], entropy: lots }
        content_rules:
          - { id: twice, pattern: 'a', message: m }
          - { id: twice, pattern: 'b', message: m }

        """
        XCTAssertThrowsError(try PolicyLoader.load(text, file: "policy.yml")) { error in
            XCTAssertEqual((error as? PolicyError)?.diagnostics.map(\.description), [
                "policy.yml:6:26: error: 'secrets.custom[2].pattern': bad regular expression '(': not valid in ICU's syntax (https://unicode-org.github.io/icu/userguide/strings/regexp.html)",
            ])
        }
        XCTAssertThrowsError(try PolicyLoader.load(text.replacingOccurrences(of: "pattern: '('", with: "pattern: 'x'"), file: "policy.yml")) { error in
            XCTAssertEqual((error as? PolicyError)?.diagnostics.map(\.description), [
                "policy.yml:4:13: error: 'secrets.custom': id 'generic-secret' is a built-in rule's; choose another (the built-in one is set under secrets.rules)",
                "policy.yml:5:13: error: 'secrets.custom': id 'Bad_Id' must be lowercase letters, digits and dashes",
                "policy.yml:5:13: error: 'secrets.custom' 'Bad_Id': give keywords of at least 3 characters; the pattern runs only where one occurs",
                "policy.yml:6:57: error: 'secrets.custom' 'ok': entropy 'lots' must be a number of bits per byte from 0 to 8, such as 3.5",
                "policy.yml:9:11: error: 'content_rules': id 'twice' is used twice",
            ])
        }
    }

    func testConfigValidateRunsTheExamplesOfTheCustomRules() throws {
        let repo = try GitRepo()
        try repo.write(".promptmcp/policy.yml", Self.policy)
        let valid = try repo.promptmcp("config", "validate")
        XCTAssertEqual(valid.status, 0, valid.stderr)
        try repo.write(".promptmcp/policy.yml", Self.policy.replacingOccurrences(of: "no_match: [\"logger.info(user)\"]", with: "no_match: [\"console.log(1)\"]"))
        let failing = try repo.promptmcp("config", "validate")
        XCTAssertEqual(failing.status, 2)
        XCTAssertTrue(failing.stderr.contains(".promptmcp/policy.yml:23:18: error: content rule 'no-console-log': example should not match but does: \"console.log(1)\""), failing.stderr)
    }

    func testTestsAndDocsLowersTheSeverityThereAndNowhereElse() throws {
        let policy = try PolicyLoader.load("version: 1\nsecrets:\n  tests_and_docs: warning\n", file: "policy.yml")
        let line = "let token = \"ghp_8VKqxryo1nIj7BRd03Q2ybv097SHzxgQA6TC\"\n"
        for path in ["Tests/AppTests/LoginTests.swift", "docs/setup.md", "spec/fixtures/auth.rb", "pkg/auth_test.go"] {
            let found = try findings(line, path: path, policy: policy)
            XCTAssertEqual(found.map(\.severity), [.warning], path)
            XCTAssertTrue(found.first?.message.hasSuffix("(in a test or documentation file)") ?? false, path)
        }
        XCTAssertEqual(try findings(line, path: "Sources/App/Login.swift", policy: policy).map(\.severity), [.error])
        XCTAssertEqual(try findings(line, path: "Tests/AppTests/LoginTests.swift").map(\.severity), [.error], "only where the policy asks")
    }

    private func findings(_ text: String, path: String, policy: Policy? = nil, prefix: String = "secrets/") throws -> [Finding] {
        let policy = try policy ?? PolicyLoader.load("version: 1\n", file: "policy.yml")
        let file = FileChange.added(path: path, content: Array(text.utf8))
        return try RuleSet(policy: policy).check(file, settings: policy.settings(for: path), policy: policy)
            .filter { $0.rule.hasPrefix(prefix) }
    }
}
