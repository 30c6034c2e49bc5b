import Foundation
import XCTest
@testable import PromptMCPKit

/// docs/rules.md and `promptmcp rules` are written from the rules' descriptions.
final class RuleDocumentationTests: XCTestCase {
    func testTheCommittedRuleReferenceIsTheGeneratedOne() throws {
        let url = PolicyLoaderTests.repositoryRoot.appendingPathComponent("docs/rules.md")
        let committed = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let generated = RuleDocumentation.markdown()
        guard committed != generated else { return }
        let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        XCTFail("""
            docs/rules.md differs from the rules' descriptions (first at line \(line + 1)); \
            regenerate it with `\(RuleDocumentation.regenerate)`
            """)
    }

    func testEveryRuleHasARowASectionAndItsExamples() {
        let page = RuleDocumentation.markdown()
        for rule in RuleRegistry.descriptions {
            XCTAssertTrue(page.contains("| [`\(rule.id)`]("), rule.id)
            XCTAssertTrue(page.contains("\n## `\(rule.id)`\n"), rule.id)
            for option in rule.options {
                XCTAssertTrue(page.contains("| `\(option.name)` |"), "\(rule.id) \(option.name)")
            }
        }
        XCTAssertTrue(page.contains("let a = 1↓·\n"), "trailing whitespace is shown, not written")
        XCTAssertFalse(page.split(separator: "\n").contains { $0.hasSuffix(" ") || $0.hasSuffix("\t") })
    }

    func testRulesCommandListsEveryRuleAndPrintsThePage() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let list = try Command.run(Command.promptmcpBinary.path, ["rules"], in: folder)
        XCTAssertEqual(list.status, 0, list.stderr)
        let lines = list.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, RuleRegistry.descriptions.count)
        XCTAssertTrue(lines.contains { $0.hasPrefix("quality/conflict-marker ") && $0.contains(" error ") }, list.stdout)
        let page = try Command.run(Command.promptmcpBinary.path, ["rules", "--format", "markdown"], in: folder)
        XCTAssertEqual(page.status, 0, page.stderr)
        XCTAssertEqual(page.stdout, RuleDocumentation.markdown())
        XCTAssertEqual(try Command.run(Command.promptmcpBinary.path, ["rules", "--format", "html"], in: folder).status, 2)
    }
}
