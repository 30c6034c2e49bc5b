import Yams

/// Reads policy files: YAML text in, a validated `Policy` (over the defaults) out.
public enum PolicyLoader {
    /// Where a repository keeps its policy, relative to the work tree root.
    public static let path = ".promptmcp/policy.yml"

    /// Parses and validates `text`; `file` names it in messages. Throws every problem found.
    public static func load(_ text: String, file: String, over base: Policy = .defaults) throws -> Policy {
        if let place = PolicyBounds.excessiveNesting(in: text) {
            throw PolicyError(diagnostics: [diagnostic(file, place.line, place.column,
                "the policy nests deeper than \(PolicyBounds.maxNesting) levels here; no policy key is that deep")])
        }
        if let place = PolicyBounds.excessiveAliases(in: text) {
            throw PolicyError(diagnostics: [diagnostic(file, place.line, place.column,
                "more than \(PolicyBounds.maxAliases) aliases (*name) in one policy; write the values out")])
        }
        let root: Node
        do {
            guard let document = try PolicyYAML.compose(text) else {
                throw PolicyError(diagnostics: [diagnostic(file, 1, 1, "the policy file is empty; it needs at least 'version: 1'")])
            }
            root = document
        } catch let error as YamlError {
            throw PolicyError(diagnostics: [syntaxDiagnostic(error, file: file)])
        }
        var validator = PolicyValidator(file: file)
        // A newer version has keys this one does not know: reporting them as mistakes would mislead.
        if let version = root["version"], let number = version.int, number > 1 {
            let location = validator.location(of: version)
            throw PolicyError(diagnostics: [PolicyDiagnostic(
                location: location, level: .error,
                message: "policy version \(number) is newer than this promptmcp understands (version 1); upgrade promptmcp")])
        }
        validator.declaredRuleIDs = CustomRuleValidation.declaredIDs(root)
        validator.validate(root, as: .policy, at: "")
        guard validator.diagnostics.isEmpty else {
            // In file order, as an editor lists them; the sort is stable for problems at one place.
            let ordered = validator.diagnostics.enumerated().sorted {
                ($0.element.location.line, $0.element.location.column, $0.offset)
                    < ($1.element.location.line, $1.element.location.column, $1.offset)
            }
            throw PolicyError(diagnostics: ordered.map(\.element))
        }
        var builder = PolicyBuilder(file: file, policy: base)
        builder.apply(root)
        try builder.policy.secretsAllow.compile()
        let problems = CustomRuleValidation.diagnostics(builder.policy)
        guard problems.isEmpty else { throw PolicyError(diagnostics: problems) }
        return builder.policy
    }

    private static func syntaxDiagnostic(_ error: YamlError, file: String) -> PolicyDiagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml often notices a problem far from its cause (an unclosed '[' at the end of
            // the file): the context names where the broken construct began.
            var message = "YAML syntax error: \(problem)"
            // ("while scanning a plain scalar" only names the value before a stray tab: no help.)
            if let context, context.text != "while scanning a plain scalar",
               context.mark.line != mark.line || context.mark.column != mark.column {
                message += " (\(context.text) started at line \(context.mark.line), column \(context.mark.column))"
            }
            return diagnostic(file, mark.line, mark.column, message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let verb = duplicates.count == 1 ? "is" : "are"
            return diagnostic(file, context.mark.line, context.mark.column,
                              "duplicate key: \(keys) \(verb) set more than once in the same map; keep one")
        case .reader(let problem, _, _, _):
            return diagnostic(file, 1, 1, "cannot read the file: \(problem)")
        default:
            return diagnostic(file, 1, 1, "YAML error: \(error)")
        }
    }

    private static func diagnostic(_ file: String, _ line: Int, _ column: Int, _ message: String) -> PolicyDiagnostic {
        PolicyDiagnostic(location: SourceLocation(file: file, line: line, column: column), level: .error, message: message)
    }
}
