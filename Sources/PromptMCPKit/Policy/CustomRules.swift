import Foundation
import Yams

/// `secrets.custom:` entries: the project's own secret formats, reported as `secrets/<id>`.
public struct CustomSecret: Sendable {
    public var id: Located<String>
    public var description: String
    /// An ICU regular expression; its first capture group, when it has one, is the secret.
    public var pattern: Located<String>
    /// Literals (case ignored) that every match contains: the one keyword pass finds them first,
    /// and the pattern runs only on a line that holds one.
    public var keywords: [String]
    /// The least entropy of the secret, in bits per byte, as written (`3.5`).
    public var entropy: Located<String>?
    public var paths: [Glob]?
    public var severity: Severity
    public var examples: [RuleExampleText]

    /// The rule; its pattern is compiled now, and one that does not compile is an error at its place.
    func kind() throws -> SecretKind {
        let matcher = CustomSecretMatcher(keywords: keywords.map { Array($0.lowercased().utf8) },
                                          regex: try PolicyRegex.compile(pattern, key: "secrets.custom.pattern"),
                                          entropy: entropy.flatMap { Double($0.value) }, label: description)
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

/// What the schema cannot say about the policy's own rules: ids that are unique and not a
/// built-in rule's, keywords the keyword index can use, an entropy that is a number of bits.
enum CustomRuleValidation {
    static func diagnostics(_ policy: Policy) -> [PolicyDiagnostic] {
        var diagnostics: [PolicyDiagnostic] = []
        func error(_ located: Located<String>, _ message: String) {
            diagnostics.append(PolicyDiagnostic(location: located.location ?? SourceLocation(file: PolicyLoader.path, line: 1, column: 1),
                                                level: .error, message: message))
        }
        let builtIn = Set(SecretRules.descriptions.map(\.name))
        var seen: Set<String> = []
        for secret in policy.customSecrets {
            let id = secret.id
            if !Self.isName(id.value) {
                error(id, "'secrets.custom': id '\(id.value)' must be lowercase letters, digits and dashes")
            } else if builtIn.contains(id.value) {
                error(id, "'secrets.custom': id '\(id.value)' is a built-in rule's; choose another (the built-in one is set under secrets.rules)")
            } else if !seen.insert(id.value).inserted {
                error(id, "'secrets.custom': id '\(id.value)' is used twice")
            }
            if secret.keywords.isEmpty || secret.keywords.contains(where: { $0.utf8.count < 3 }) {
                error(id, "'secrets.custom' '\(id.value)': give keywords of at least 3 characters; the pattern runs only where one occurs")
            }
            if let entropy = secret.entropy, !(Double(entropy.value).map { (0...8).contains($0) } ?? false) {
                error(entropy, "'secrets.custom' '\(id.value)': entropy '\(entropy.value)' must be a number of bits per byte from 0 to 8, such as 3.5")
            }
        }
        seen = []
        for rule in policy.contentRules {
            if !Self.isName(rule.id.value) {
                error(rule.id, "'content_rules': id '\(rule.id.value)' must be lowercase letters, digits and dashes")
            } else if !seen.insert(rule.id.value).inserted {
                error(rule.id, "'content_rules': id '\(rule.id.value)' is used twice")
            }
        }
        return diagnostics
    }

    /// `secrets/<id>` and `content/<id>` for each rule the file declares, before it is validated.
    static func declaredIDs(_ root: Node) -> [String] {
        func ids(_ node: Node?, _ area: String) -> [String] {
            node?.sequence?.compactMap { $0["id"]?.string.map { "\(area)/\($0)" } } ?? []
        }
        return ids(root["secrets"]?["custom"], "secrets") + ids(root["content_rules"], "content")
    }

    private static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ByteSet("a-z0-9-").contains($0) }
    }
}

/// Runs the examples of the policy's own rules (`config validate` does): a rule whose pattern
/// does not do what its examples say is reported at the example.
public enum CustomRuleExamples {
    /// Throws every failing example, each at its place.
    public static func verify(_ policy: Policy) throws {
        let failing = check(policy)
        guard failing.isEmpty else { throw PolicyError(diagnostics: failing) }
    }

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
