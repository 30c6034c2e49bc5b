import Foundation
import XCTest
@testable import PromptMCPKit

/// Golden tests for `PolicyLoader`: invalid files with the exact messages a user sees. Valid files
/// and the policy they produce are in `PolicyLoaderTests+ValidPolicies.swift`.
final class PolicyLoaderTests: XCTestCase {
    let file = ".promptmcp/policy.yml"

    /// Loads `text` expecting failure and compares every message, in order.
    private func assertRejects(_ text: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try PolicyLoader.load(text, file: self.file)
            XCTFail("the policy loaded, but should have been rejected", file: file, line: line)
        } catch let error as PolicyError {
            XCTAssertEqual(error.diagnostics.map(\.description), expected, file: file, line: line)
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    func load(_ text: String) throws -> Policy { try PolicyLoader.load(text, file: file) }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: - Invalid policies

    func testSyntaxErrorNamesLineColumnAndWhereTheBrokenPartBegan() {
        assertRejects("version: 1\ncaps:\n  max_files: [1\n", [
            ".promptmcp/policy.yml:4:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence started at line 3, column 14)",
        ])
        assertRejects("version: 1\n\tcaps: 3\n", [
            ".promptmcp/policy.yml:2:1: error: YAML syntax error: found a tab character that violates indentation",
        ])
    }

    func testUnknownTopLevelKeySuggestsTheNearestOne() {
        assertRejects("version: 1\ncap:\n  max_files: 3\n", [
            ".promptmcp/policy.yml:2:1: error: unknown key 'cap'; did you mean 'caps'?",
        ])
    }

    func testUnknownNestedKeySuggestsTheNearestOne() {
        assertRejects("version: 1\ncaps:\n  max_line_per_file: 3\n", [
            ".promptmcp/policy.yml:3:3: error: unknown key 'max_line_per_file' in 'caps'; did you mean 'max_lines_per_file'?",
        ])
    }

    func testUnknownKeyWithNothingNearListsTheKnownKeys() {
        assertRejects("version: 1\ncaps:\n  budget: 3\n", [
            ".promptmcp/policy.yml:3:3: error: unknown key 'budget' in 'caps'; known keys: max_lines_per_file, max_files, max_total_lines, count, severity",
        ])
    }

    func testStringWhereANumberBelongs() {
        assertRejects("version: 1\ncaps:\n  max_files: lots\n", [
            ".promptmcp/policy.yml:3:14: error: 'caps.max_files' must be a whole number from 0 to 1000000000, not 'lots'",
        ])
        assertRejects("version: 1\ncaps:\n  max_files: -1\n", [
            ".promptmcp/policy.yml:3:14: error: 'caps.max_files' must be a whole number from 0 to 1000000000, not '-1'",
        ])
    }

    func testQuotedYesIsTextWhereABooleanBelongs() {
        assertRejects("version: 1\npaths:\n  - match: \"vendor/**\"\n    exclude: \"yes\"\n", [
            ".promptmcp/policy.yml:4:14: error: 'paths[0].exclude' must be true or false, not 'yes'",
        ])
    }

    func testListWhereAMapBelongs() {
        assertRejects("version: 1\ncaps:\n  - max_files\n", [
            ".promptmcp/policy.yml:3:3: error: 'caps' must be a map, not a list",
        ])
    }

    func testKeyWithoutAValue() {
        assertRejects("version: 1\ncaps:\n  max_files:\n", [
            ".promptmcp/policy.yml:3:13: error: 'caps.max_files' has no value; it must be a whole number from 0 to 1000000000",
        ])
    }

    func testBadGlobNamesThePatternAndTheProblem() {
        assertRejects("version: 1\nprotected:\n  - src/[abc\n", [
            ".promptmcp/policy.yml:3:5: error: 'protected[0]': bad glob 'src/[abc': '[' is never closed",
        ])
    }

    func testBadSeveritySuggestsTheNearestOne() {
        assertRejects("version: 1\ncaps:\n  severity: eror\n", [
            ".promptmcp/policy.yml:3:13: error: 'caps.severity' must be 'error', 'warning' or 'off', not 'eror'; did you mean 'error'?",
        ])
    }

    func testMissingVersion() {
        assertRejects("caps:\n  max_files: 3\n", [
            ".promptmcp/policy.yml:1:1: error: missing required key 'version'; add 'version: 1' at the top of the file",
        ])
    }

    func testNewerVersionIsTheOnlyProblemReported() {
        // Keys a newer schema added would only be noise next to "upgrade".
        assertRejects("version: 2\nsandbox: { strict: true }\n", [
            ".promptmcp/policy.yml:1:10: error: policy version 2 is newer than this promptmcp understands (version 1); upgrade promptmcp",
        ])
        assertRejects("version: 0\n", [
            ".promptmcp/policy.yml:1:10: error: 'version' must be a whole number from 1 to 1000000000, not '0'",
        ])
    }

    func testDuplicateKey() {
        assertRejects("version: 1\ncaps:\n  max_files: 3\n  max_files: 4\n", [
            ".promptmcp/policy.yml:3:3: error: duplicate key: 'max_files' is set more than once in the same map; keep one",
        ])
    }

    func testEmptyFile() {
        let expected = [".promptmcp/policy.yml:1:1: error: the policy file is empty; it needs at least 'version: 1'"]
        assertRejects("", expected)
        assertRejects("# nothing but a comment\n", expected)
    }

    func testFileThatIsNotAMap() {
        assertRejects("- LICENSE\n", [
            ".promptmcp/policy.yml:1:1: error: the policy file must be a map of sections, starting with 'version: 1', not a list",
        ])
    }

    func testEveryProblemIsReportedInFileOrder() {
        assertRejects("""
        cap: {}
        caps:
          max_files: -1
          severity: fatal
        protected: yes
        paths:
          - match: "src/[abc"
            exclude: maybe
        """, [
            ".promptmcp/policy.yml:1:1: error: unknown key 'cap'; did you mean 'caps'?",
            ".promptmcp/policy.yml:1:1: error: missing required key 'version'; add 'version: 1' at the top of the file",
            ".promptmcp/policy.yml:3:14: error: 'caps.max_files' must be a whole number from 0 to 1000000000, not '-1'",
            ".promptmcp/policy.yml:4:13: error: 'caps.severity' must be 'error', 'warning' or 'off', not 'fatal'",
            ".promptmcp/policy.yml:5:12: error: 'protected' must be a list of globs, or a map with 'severity' and 'paths', not 'yes'",
            ".promptmcp/policy.yml:7:12: error: 'paths[0].match': bad glob 'src/[abc': '[' is never closed",
            ".promptmcp/policy.yml:8:14: error: 'paths[0].exclude' must be true or false, not 'maybe'",
        ])
    }

    func testPathsEntryWithoutMatch() {
        assertRejects("version: 1\npaths:\n  - caps: { max_lines_per_file: 10 }\n", [
            ".promptmcp/policy.yml:3:5: error: missing required key 'match' in 'paths[0]'",
        ])
    }

    func testMisspeltRequiredKeyIsReportedOnce() {
        assertRejects("version: 1\npaths:\n  - matches: docs/**\n    exclude: true\n", [
            ".promptmcp/policy.yml:3:5: error: unknown key 'matches' in 'paths[0]'; did you mean 'match'?",
        ])
    }

    func testUnenforcedSectionsAreStillChecked() {
        assertRejects("version: 1\nrate_limits:\n  - paths: [a]\n    window: 3 days\n", [
            ".promptmcp/policy.yml:4:13: error: 'rate_limits[0].window' must be a duration such as 30s, 15m, 24h or 7d, from 0s to 3650d, not '3 days'",
        ])
    }

    func testQualityRuleSettingsAreCheckedAgainstTheRulesOptions() {
        assertRejects("version: 1\nquality:\n  todo-without-reference: { severity: warning, reference: '(' }\n", [
            ".promptmcp/policy.yml:3:59: error: 'quality.todo-without-reference.reference': bad regular expression '(': not valid in ICU's syntax (https://unicode-org.github.io/icu/userguide/strings/regexp.html)",
        ])
        assertRejects("version: 1\nquality:\n  conflict-marker: [error]\n", [
            ".promptmcp/policy.yml:3:20: error: 'quality.conflict-marker' must be 'error', 'warning' or 'off', or a map with 'severity', not a list",
        ])
        assertRejects("version: 1\nquality:\n  debug-leftover: { patterns: { swift: 'print(' } }\n  line-lenght: { max: 0 }\n", [
            ".promptmcp/policy.yml:3:40: error: 'quality.debug-leftover.patterns.swift' must be a list of strings, not 'print('",
            ".promptmcp/policy.yml:4:3: error: unknown key 'line-lenght' in 'quality'; did you mean 'line-length'?",
        ])
        assertRejects("version: 1\nquality:\n  line-length: { max: 0, ignored: [] }\n", [
            ".promptmcp/policy.yml:3:23: error: 'quality.line-length.max' must be a whole number from 1 to 1000000000, not '0'",
            ".promptmcp/policy.yml:3:26: error: unknown key 'ignored' in 'quality.line-length'; did you mean 'ignore'?",
        ])
    }

    func testMessagesNameTheFileTheyWereGiven() {
        XCTAssertThrowsError(try PolicyLoader.load("cap: 1\n", file: "ci/strict.yml")) { error in
            XCTAssertEqual((error as? PolicyError)?.diagnostics.map(\.location.file), ["ci/strict.yml", "ci/strict.yml"])
        }
    }
}
