import Foundation
import XCTest
@testable import PromptMCPKit

/// Hostile policy files, as a fuzzer or an attacker writes them by mutating
/// docs/policy-example.yml: each must be a located error (exit 2) from both `config validate`
/// and `check`, quickly, never a trap or a hang.
final class PolicyBoundsTests: XCTestCase {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/policy-example.yml")

    /// The example with `old` replaced by `new` (which must occur).
    func mutated(_ old: String, _ new: String) throws -> String {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "the example no longer holds '\(old)'")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// Runs both commands on `policy`; each must exit 2 and name `expected` (FILE:LINE:COL and words).
    func assertRejected(_ policy: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let repo = try GitRepo()
        try repo.stage(PolicyLoader.path, policy)
        try repo.stage("README.md", "hello\n")
        for arguments in [["config", "validate"], ["check"]] {
            let started = Date()
            let result = try Command.run(Command.promptmcpBinary.path, arguments, in: repo.path)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.output)", file: file, line: line)
            XCTAssertTrue(result.output.contains(expected), "\(arguments): \(result.output)", file: file, line: line)
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "\(arguments) took too long", file: file, line: line)
        }
    }

    func testHugeDurationsAreLocatedErrors() throws {
        try assertRejected(try mutated("timeout: 300s", "timeout: 9223372036854775807s"),
                           ".promptmcp/policy.yml:52:14: error: 'tests[0].timeout' must be a duration such as 30s, 15m, 24h or 7d, from 1s to 1d, not '9223372036854775807s'")
        try assertRejected(try mutated("cpu: 600s", "cpu: 99999999999999w"), "policy.yml:53:20: error: 'tests[0].limits.cpu' must be a duration")
        try assertRejected(try mutated("window: 24h", "window: 9223372036854775807s"),
                           "policy.yml:45:13: error: 'rate_limits[0].window' must be a duration such as 30s, 15m, 24h or 7d, from 0s to 3650d")
        try assertRejected(try mutated("timeout: 300s", "timeout: 0s"), "policy.yml:52:14: error: 'tests[0].timeout'")
    }

    func testHugeSizesAndCountsAreLocatedErrors() throws {
        try assertRejected(try mutated("memory: 4GiB", "memory: 9999999999GiB"), "policy.yml:53:34: error: 'tests[0].limits.memory' must be a size")
        try assertRejected(try mutated("output: 1MiB", "output: 1TiB"), "policy.yml:53:64: error: 'tests[0].limits.output'")
        try assertRejected(try mutated("processes: 256", "processes: 9223372036854775807"),
                           "policy.yml:53:51: error: 'tests[0].limits.processes' must be a whole number from 1 to 4194304")
        try assertRejected(try mutated("max_files: 40", "max_files: 99999999999999999999"), "policy.yml:7:14: error: 'caps.max_files' must be a whole number")
        try assertRejected(try mutated("bytes: 1048576", "bytes: 9223372036854775807"), "policy.yml:25:44: error: 'quality.max-file-size.bytes'")
        try assertRejected(try mutated("60/min", "9223372036854775807/min"), "policy.yml:57:35: error: 'mcp.rate_limits.promptmcp.check' must be a rate")
    }

    func testDeepNestingIsRefusedBeforeParsing() throws {
        let flow = String(repeating: "[", count: 100_000)
        try assertRejected("version: 1\ncaps: " + flow + "\n", "policy.yml:2:71: error: the policy nests deeper than 64 levels")
        let block = (0..<200).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n")
        try assertRejected("version: 1\n" + block + "\n", "policy.yml:66:65: error: the policy nests deeper than 64 levels")
        let dashes = String(repeating: "- ", count: 5000) + "x"
        try assertRejected("version: 1\nprotected:\n" + dashes + "\n", "policy.yml:3:127: error: the policy nests deeper than 64 levels")
    }

    func testAnAliasBombIsRefusedBeforeYamsHashesIt() throws {
        // As a mapping key, the expanded bomb (10^12 values) would be hashed whole by Yams.
        var lines = ["version: 1", "caps:", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...12 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("  a\(level): &a\(level) [\(refs)]")
        }
        lines.append("  ? *a12\n  : 1")
        try assertRejected(lines.joined(separator: "\n") + "\n",
                           "policy.yml:7:22: error: more than 32 aliases (*name) in one policy")
    }

    /// The same bomb as an ordinary staged YAML file: the yaml-syntax rule must not hang on it.
    func testAnAliasBombInAStagedYAMLFileIsAFindingNotAHang() throws {
        let repo = try GitRepo()
        let bomb = try String(contentsOf: FuzzRegressionTests.fixtures.appendingPathComponent("policy/alias-bomb-key.yml"), encoding: .utf8)
        try repo.stage("config/bomb.yml", bomb)
        let started = Date()
        let result = try repo.promptmcp("check")
        XCTAssertEqual(result.status, 1, result.output)
        XCTAssertTrue(result.output.contains("config/bomb.yml:7:22: error: invalid YAML: more than 32 aliases, one of them a map key"), result.output)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testAnEnormousValueIsReportedWithoutASuggestionSearch() throws {
        let value = String(repeating: "k", count: 200_000)
        try assertRejected("version: 1\ncaps:\n  count: \(value)\n",
                           "policy.yml:3:10: error: 'caps.count' must be 'changed', 'added' or 'deleted', not '\(value)'")
    }

    func testTheBoundsAreReachable() throws {
        let policy = try PolicyLoader.load(try mutated("timeout: 300s", "timeout: 1d"), file: "p.yml")
        XCTAssertEqual(policy.tests.first?.timeoutSeconds, 86_400)
        let example = try String(contentsOf: Self.example, encoding: .utf8)
        XCTAssertNil(PolicyBounds.excessiveNesting(in: example))
        XCTAssertNil(PolicyBounds.excessiveAliases(in: example), "a quoted or unquoted glob star is not an alias")
        XCTAssertNil(PolicyBounds.excessiveNesting(in: "a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n"),
                     "brackets inside a quoted string are text")
    }
}
