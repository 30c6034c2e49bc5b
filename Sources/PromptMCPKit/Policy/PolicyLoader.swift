import Yams

/// Reads policy files: YAML text in, a validated `Policy` (over the defaults) out.
public enum PolicyLoader {
    /// Where a repository keeps its policy, relative to the work tree root.
    public static let path = ".promptmcp/policy.yml"

    /// Parses and validates `text`; `file` names it in messages. Throws every problem found.
    public static func load(_ text: String, file: String, over base: Policy = .defaults) throws -> Policy {
        let root: Node
        do {
            guard let document = try Yams.compose(yaml: text) else {
                throw PolicyError(diagnostics: [diagnostic(file, 1, 1, "the policy file is empty; it needs at least 'version: 1'")])
            }
            root = document
        } catch let error as YamlError {
            throw PolicyError(diagnostics: [syntaxDiagnostic(error, file: file)])
        }
        var validator = PolicyValidator(file: file)
        validator.validate(root, as: .policy, at: "")
        if let version = root["version"], let number = version.int, number != 1 {
            let location = validator.location(of: version)
            throw PolicyError(diagnostics: validator.diagnostics + [PolicyDiagnostic(
                location: location, level: .error,
                message: "policy version \(number) is newer than this promptmcp understands (version 1); upgrade promptmcp")])
        }
        guard validator.diagnostics.isEmpty else { throw PolicyError(diagnostics: validator.diagnostics) }
        var builder = PolicyBuilder(file: file, policy: base)
        builder.apply(root)
        return builder.policy
    }

    private static func syntaxDiagnostic(_ error: YamlError, file: String) -> PolicyDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return diagnostic(file, mark.line, mark.column, "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return diagnostic(file, context.mark.line, context.mark.column, "duplicate key \(keys)")
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
