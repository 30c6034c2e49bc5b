import XCTest
@testable import PromptMCPKit

/// Runs every rule's own examples: a triggering example must give a finding at each `↓` marker
/// (or one finding about the whole file when it has no marker), a passing one none at all.
final class RuleExampleTests: XCTestCase {
    func testEveryFileRuleBehavesAsItsExamplesSay() throws {
        for type in Self.ownRules {
            for example in type.description.examples {
                try check(type.description, example) { try type.init($0) }
            }
        }
    }

    /// Each secret rule's examples go through the whole secret scan, every rule on: a passing
    /// example must pass them all, and a triggering one be reported by its own rule only.
    func testEverySecretRuleBehavesAsItsExamplesSay() throws {
        for description in SecretRules.descriptions {
            for example in description.examples {
                try check(description, example) { try SecretScanRule($0) }
            }
        }
    }

    func testEveryRuleOutsideCapsHasBothKindsOfExample() {
        let descriptions = Self.ownRules.map { $0.description } + SecretRules.descriptions
        for description in descriptions where description.area != "caps" {
            let examples = description.examples
            XCTAssertTrue(examples.contains { $0.triggers }, "\(description.id) has no triggering example")
            XCTAssertTrue(examples.contains { !$0.triggers }, "\(description.id) has no passing example")
        }
    }

    private static let ownRules = RuleRegistry.fileRules.filter { !$0.description.id.hasSuffix("/*") }

    private func check(_ description: RuleDescription, _ example: RuleExample, make: (RuleConfiguration) throws -> any FileRule) throws {
        let id = description.id
        let (text, markers) = example.cleaned
        let file = FileChange.added(path: example.path, content: example.bytes ?? Array(text.utf8))
        let policy = try PolicyLoader.load("version: 1\n" + (example.policy ?? ""), file: "\(id) example")
        var configuration = RuleConfiguration(description, policy: policy)
        if configuration.severity == .off { configuration = configuration.forcing(.warning) }
        let context = FileContext(file: file, settings: policy.settings(for: file.path), policy: policy,
                                  severity: configuration.severity, ruleID: id)
        let findings = try make(configuration).check(file, context)
        let label = "\(id) on \(example.path): \(example.text.debugDescription)"
        XCTAssertTrue(findings.allSatisfy { $0.rule == id }, label)
        guard example.triggers else {
            return XCTAssertEqual(findings.map(\.message), [], "should pass: \(label)")
        }
        guard !markers.isEmpty else {
            return XCTAssertFalse(findings.isEmpty, "should trigger: \(label)")
        }
        // A finding without a column is placed by its line alone.
        let found = findings.map { finding in
            "\(finding.line ?? 0):\(finding.column ?? markers.first { $0.line == finding.line }?.column ?? 0)"
        }
        XCTAssertEqual(found.sorted(), markers.map { "\($0.line):\($0.column)" }.sorted(), "findings at the markers: \(label)")
    }
}
