import XCTest
@testable import PromptMCPKit

/// A pattern that cannot compile never reaches judging as a pattern that matches nothing.
final class PolicyRegexTests: XCTestCase {
    private let place = SourceLocation(file: ".promptmcp/policy.yml", line: 3, column: 5)

    func testEveryBuiltInPatternCompiles() throws {
        let patterns = RuleRegistry.descriptions.flatMap { description in
            description.options.filter { if case .regex = $0.shape { return true } else { return false } }
        }
        XCTAssertFalse(patterns.isEmpty)
        for option in patterns {
            guard case .scalar(let pattern) = option.parsedDefault else { return XCTFail("\(option.name) has no scalar default") }
            XCTAssertNoThrow(try PolicyRegex(pattern), option.name)
        }
    }

    func testABadOptionPatternIsAPolicyErrorAtItsPlaceWhenTheRulesAreConfigured() throws {
        var policy = Policy.defaults
        policy.rules["quality/todo-without-reference"] = Policy.RuleSetting(  // off by default: switched on
            severity: Located(.warning), options: ["reference": Located(.scalar("(unclosed"), at: place)], location: place)
        XCTAssertThrowsError(try Checker(policy: policy, policySource: "test")) { error in
            XCTAssertEqual("\(error)", ".promptmcp/policy.yml:3:5: error: 'quality.todo-without-reference.reference': bad regular expression '(unclosed': "
                           + PolicyRegex.SyntaxError().description)
        }
    }

    func testABadMessagePatternOrAllowedValueFailsClosed() throws {
        var policy = Policy.defaults
        policy.message.pattern = Located("[feat", at: place)
        XCTAssertThrowsError(try Checker(policy: policy, policySource: "test", stage: .commitMessage)) { error in
            XCTAssertTrue("\(error)".hasPrefix(".promptmcp/policy.yml:3:5: error: 'message.pattern'"), "\(error)")
        }
        var allow = Policy.SecretsAllow()
        allow.values = [Located("*oops", at: place)]
        XCTAssertThrowsError(try allow.compile()) { error in
            XCTAssertTrue("\(error)".contains("'secrets.allow.values': bad regular expression '*oops'"), "\(error)")
        }
    }

    func testThePolicyFilesOwnPatternsAreCheckedAtLoad() {
        XCTAssertThrowsError(try PolicyLoader.load("version: 1\nmessage:\n  pattern: '[feat'\n", file: "p.yml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("p.yml:3:12: error: 'message.pattern': bad regular expression"), "\(error)")
        }
    }
}
