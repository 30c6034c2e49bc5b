import Foundation
import XCTest
@testable import PromptMCPKit

/// The secret rules as a set: registration, policy keys, allowlists, masking, fingerprints,
/// and the engine's edges (added lines only, vector-block boundaries).
final class SecretRulesTests: XCTestCase {
    func testEverySecretRuleHasOneIdItsPolicyKeyAndAValidPattern() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("Sources/PromptMCPKit/Rules/Secrets")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix("Rule.swift") && $0 != "SecretScanRule.swift" && $0 != "ProviderRule.swift" }
        let ids = SecretRules.descriptions.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "an id is used twice")
        XCTAssertGreaterThanOrEqual(ProviderCatalog.rules.count, 150, "provider formats")
        XCTAssertEqual(SecretRules.builtIn.count, ProviderCatalog.rules.count + files.count, "a rule file is missing from SecretRules")
        for description in SecretRules.descriptions {
            XCTAssertTrue(description.id.hasPrefix("secrets/"), description.id)
            XCTAssertEqual(description.policyKey, "secrets.rules.\(description.name)")
            XCTAssertEqual(description.defaultSeverity, .error, description.id)
        }
        for rule in ProviderCatalog.rules {
            XCTAssertTrue(rule.docs.hasPrefix("https://"), rule.name)
            for format in rule.formats {
                let compiled = try SecretPatternSyntax.compile(format.pattern)
                XCTAssertTrue(!rule.names.isEmpty || compiled.prefixes.allSatisfy { $0.count >= 2 } && !compiled.prefixes.isEmpty,
                              "\(rule.name): a format without a prefix needs names: \(format.pattern)")
            }
        }
    }

    func testSecretsSeverityAppliesToEveryRuleAndARuleCanBeSetOnItsOwn() throws {
        let policy = try PolicyLoader.load("""
        version: 1
        secrets:
          severity: warning
          rules:
            jwt: off
            generic-secret: { severity: error, min_length: 12 }
        """, file: "policy.yml")
        let ids = try RuleSet(policy: policy).ids.filter { $0.hasPrefix("secrets/") }
        XCTAssertFalse(ids.contains("secrets/jwt"))
        XCTAssertEqual(ids.count, SecretRules.builtIn.count - 1)
        let jwt = "t = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzcxYzIiLCJyb2xlIjoiZGVwbG95IiwiaWF0IjoxNzE4MDMxMjM0fQ.pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw\"\n"
        XCTAssertEqual(try findings(jwt, path: "a.py", policy: policy), [])
        XCTAssertEqual(try findings("k = \"AKIAVQJXXVBOTHD2WTFL\"\n", path: "a.py", policy: policy).map(\.severity), [.warning])
        XCTAssertEqual(try findings("DB_PASSWORD=Xk29fQzL7mWpQ\n", path: ".env", policy: policy).map(\.severity), [.error])
        // min_length 12: an 11-byte password is no longer reported.
        XCTAssertEqual(try findings("DB_PASSWORD=Xk29fQzL7mW\n", path: ".env", policy: policy), [])
        XCTAssertEqual(try findings("DB_PASSWORD=Xk29fQzL7mW\n", path: ".env").map(\.rule), ["secrets/generic-secret"])
    }

    func testAMisspeltSecretRuleIsAnErrorWithASuggestion() {
        XCTAssertThrowsError(try PolicyLoader.load("version: 1\nsecrets:\n  rules:\n    aws-access-keys: off\n", file: "policy.yml")) { error in
            XCTAssertEqual((error as? PolicyError)?.diagnostics.map(\.message),
                           ["unknown key 'aws-access-keys' in 'secrets.rules'; did you mean 'aws-access-key'?"])
        }
        XCTAssertThrowsError(try PolicyLoader.load("version: 1\nsecrets:\n  allow:\n    values: ['(']\n", file: "policy.yml"))
    }

    func testAllowedValuesAndPathsAreNotReported() throws {
        let policy = try PolicyLoader.load("""
        version: 1
        secrets:
          allow:
            paths: ["Tests/Fixtures/**"]
            values: ["^ghp_8VKq", "Xk29fQzL7mWp"]
        """, file: "policy.yml")
        XCTAssertEqual(policy.secretsAllow.paths.map(\.value.pattern), ["Tests/Fixtures/**"])
        XCTAssertEqual(policy.secretsAllow.values.map(\.value), ["^ghp_8VKq", "Xk29fQzL7mWp"])
        XCTAssertEqual(policy.secretsAllow.values.first?.location?.line, 5)
        let token = "token = \"ghp_8VKqxryo1nIj7BRd03Q2ybv097SHzxgQA6TC\"\n"
        XCTAssertEqual(try findings(token, path: "app.py", policy: policy), [])
        XCTAssertEqual(try findings(token, path: "app.py").map(\.rule), ["secrets/github-token"])
        XCTAssertEqual(try findings("DB_PASSWORD=Xk29fQzL7mWp\n", path: ".env", policy: policy), [])
        let other = "AWS_ACCESS_KEY_ID=AKIAVQJXXVBOTHD2WTFL\n"
        XCTAssertEqual(try findings(other, path: "Tests/Fixtures/aws.env", policy: policy), [])
        XCTAssertEqual(try findings(other, path: "Tests/Unit/aws.env", policy: policy).map(\.rule), ["secrets/aws-access-key"])
    }

    func testAFindingShowsThePrefixAndLengthAndIsFingerprintedByTheSecret() throws {
        let text = "a = \"AKIAVQJXXVBOTHD2WTFL\"\n\nb = \"AKIAVQJXXVBOTHD2WTFL\"\nc = \"ASIAHBMUAPTT2ZN5X2PD\"\n"
        let found = try findings(text, path: "keys.py")
        XCTAssertEqual(found.map(\.message), ["AKIA", "AKIA", "ASIA"].map { "AWS access key ID: \($0)\u{2026}(20 chars)" })
        XCTAssertEqual(found.map { $0.line ?? 0 }, [1, 3, 4])
        XCTAssertEqual(found.map { $0.column ?? 0 }, [6, 6, 6])
        XCTAssertEqual(found[0].fingerprint, found[1].fingerprint, "the same secret on another line is the same finding")
        XCTAssertNotEqual(found[0].fingerprint, found[2].fingerprint)
        XCTAssertEqual(found[0].fingerprint, Fingerprint.of("secrets/aws-access-key", "keys.py", "AKIAVQJXXVBOTHD2WTFL"))
        XCTAssertFalse(found.contains { ($0.hint ?? "").contains("VQJX") })
        XCTAssertEqual(SecretMask.mask("hunter2hunter2", shown: 0), "\u{2026}(14 chars)")
        XCTAssertEqual(SecretMask.mask("ghp_short", shown: 4), "g\u{2026}(9 chars)", "at least 8 bytes stay hidden")
    }

    func testOnlyAddedLinesAreJudged() throws {
        let repo = try GitRepo()
        let old = (1...60).map { "line \($0)" } + ["legacy = \"AKIAVQJXXVBOTHD2WTFL\""] + (62...100).map { "line \($0)" }
        try repo.stage("app.py", old.joined(separator: "\n") + "\n")
        try repo.commit()
        var new = old
        new.insert("token = \"ghp_8VKqxryo1nIj7BRd03Q2ybv097SHzxgQA6TC\"", at: 80)
        new.insert("DB = \"postgres://app:q7Rz2mVx9LkP4wT@db/app\"", at: 10)
        try repo.stage("app.py", new.joined(separator: "\n") + "\n")
        let report = try repo.check(policy: try PolicyLoader.load("version: 1\n", file: "p"))
        let found = report.findings.filter { $0.rule.hasPrefix("secrets/") }
        XCTAssertEqual(found.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.rule)" }.sorted(), ["11:22 secrets/database-url", "82:10 secrets/github-token"])
    }

    func testTheKeywordIndexFindsEveryKeywordAtEveryOffset() {
        // Keywords anchored at different offsets, exact and folded, against a plain scan.
        let words = [("ghp_", false), ("AKIA", false), ("-----BEGIN", false), ("token", true), ("key", true)]
        let index = SecretKeywordIndex(words.enumerated().map { .init(bytes: Array($1.0.utf8), folded: $1.1, matcher: $0, index: 0) })
        var random = SeededRandom(seed: 7)
        let alphabet = Array("ab_ghpAKI-B EGNtokenTOKENKeYkey\n".utf8)
        for length in [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 257, 1000] {
            let bytes = (0..<length).map { _ in alphabet[random.next(alphabet.count)] }
            var found: [String] = []
            bytes.withUnsafeBufferPointer { buffer in
                index.forEachCandidate(in: buffer, from: 0, to: buffer.count) { keyword, start in
                    let entry = index.keywords[keyword]
                    guard start >= 0, start + entry.bytes.count <= length,
                          (0..<entry.bytes.count).allSatisfy({ (entry.folded ? SecretText.lowercased(bytes[start + $0]) : bytes[start + $0]) == entry.bytes[$0] })
                    else { return nil }
                    found.append("\(start):\(keyword)")
                    return nil
                }
            }
            let expected = (0..<length).flatMap { start in
                words.enumerated().compactMap { number, word -> String? in
                    let keyword = Array(word.0.utf8)
                    guard start + keyword.count <= length,
                          (0..<keyword.count).allSatisfy({ (word.1 ? SecretText.lowercased(bytes[start + $0]) : bytes[start + $0]) == (word.1 ? SecretText.lowercased(keyword[$0]) : keyword[$0]) })
                    else { return nil }
                    return "\(start):\(number)"
                }
            }
            XCTAssertEqual(found.sorted(), expected.sorted(), "length \(length)")
        }
    }

    func testLinesAreCountedAcrossVectorBlocks() {
        let text = Array((String(repeating: "x\n", count: 40) + String(repeating: "y", count: 70) + "\nz").utf8)
        text.withUnsafeBufferPointer { bytes in
            XCTAssertEqual(AddedSpan.skip(0, newlinesFrom: 5, in: bytes), 5)
            XCTAssertEqual(AddedSpan.skip(1, newlinesFrom: 0, in: bytes), 2)
            XCTAssertEqual(AddedSpan.skip(17, newlinesFrom: 0, in: bytes), 34)
            XCTAssertEqual(AddedSpan.skip(41, newlinesFrom: 0, in: bytes), 151)
            XCTAssertNil(AddedSpan.skip(42, newlinesFrom: 0, in: bytes))
        }
    }

    // MARK: - Helpers

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The secret rules' findings on a new file.
    private func findings(_ text: String, path: String, policy: Policy? = nil) throws -> [Finding] {
        let policy = try policy ?? PolicyLoader.load("version: 1\n", file: "policy.yml")
        let file = FileChange.added(path: path, content: Array(text.utf8))
        return try RuleSet(policy: policy).check(file, settings: policy.settings(for: path), policy: policy)
            .filter { $0.rule.hasPrefix("secrets/") }
    }
}
