import Foundation

/// `secrets.custom:` entries: the project's own secret formats, reported as `secrets/<id>`.
public struct CustomSecret: Sendable {
    public var id: Located<String>
    public var description: String
    /// An ICU regular expression; its first capture group, when it has one, is the secret.
    public var pattern: Located<String>
    /// Literals (case ignored) that every match contains: the one keyword pass finds them first,
    /// and the pattern runs only on a line that holds one.
    public var keywords: [String]
    public var entropy: Double?
    public var paths: [Glob]?
    public var severity: Severity
    public var examples: [RuleExampleText]

    /// The rule; its pattern is compiled now, and one that does not compile is an error at its place.
    func kind() throws -> SecretKind {
        let matcher = CustomSecretMatcher(keywords: keywords.map { Array($0.lowercased().utf8) },
                                          regex: try PolicyRegex.compile(pattern, key: "secrets.custom.pattern"),
                                          entropy: entropy, label: description)
        let rule = RuleDescription(id: "secrets/" + id.value, summary: description, defaultSeverity: severity,
                                   policyKey: "secrets.custom")
        return SecretKind(description: rule, revoke: "where it was issued", freeForm: true, paths: paths) { _ in [matcher] }
    }
}

/// `content_rules:` entries: a pattern over added lines with a message, reported as `content/<id>`.
public struct ContentRule: Sendable {
    public var id: Located<String>
    public var pattern: Located<String>
    public var paths: [Glob]
    public var exclude: [Glob]
    public var message: String
    public var hint: String?
    public var severity: Severity
    public var examples: [RuleExampleText]

    public func applies(to path: String) -> Bool {
        (paths.isEmpty || paths.contains { $0.matches(path) }) && !exclude.contains { $0.matches(path) }
    }
}

/// A line a custom rule must match (`match:`) or must not (`no_match:`), with its place.
public struct RuleExampleText: Sendable {
    public var text: Located<String>
    public var matches: Bool
}

/// Runs the examples of the policy's own rules (`config validate` does): a rule whose pattern
/// does not do what its examples say is reported at the example.
public enum CustomRuleExamples {
    public static func check(_ policy: Policy) -> [PolicyDiagnostic] {
        var diagnostics: [PolicyDiagnostic] = []
        func run(_ kind: String, _ id: String, _ pattern: Located<String>, _ examples: [RuleExampleText]) {
            let regex: PolicyRegex
            do { regex = try PolicyRegex.compile(pattern, key: kind) } catch {
                diagnostics += (error as? PolicyError)?.diagnostics ?? []
                return
            }
            for example in examples where regex.matches(in: example.text.value) != example.matches {
                let verb = example.matches ? "should match but does not" : "should not match but does"
                diagnostics.append(PolicyDiagnostic(location: example.text.location ?? SourceLocation(file: "policy", line: 1, column: 1),
                                                    level: .error, message: "\(kind) '\(id)': example \(verb): \(example.text.value.debugDescription)"))
            }
        }
        for rule in policy.contentRules { run("content rule", rule.id.value, rule.pattern, rule.examples) }
        for secret in policy.customSecrets { run("custom secret", secret.id.value, secret.pattern, secret.examples) }
        return diagnostics
    }
}
