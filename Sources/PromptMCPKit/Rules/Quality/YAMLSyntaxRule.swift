import Yams

/// A YAML file that does not parse breaks the CI workflow, deployment or tool that reads it.
public struct YAMLSyntaxRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/yaml-syntax",
        summary: """
            A changed `*.yml` or `*.yaml` file does not parse as YAML (every document of it), or a map \
            in it has the same key twice.
            """,
        defaultSeverity: .error,
        policyKey: "quality.yaml-syntax",
        options: [
            RuleOption("ignore", .list(.glob), default: ["**/templates/**"],
                       "YAML files that are templates for another tool first (Helm charts' `templates/` folders)."),
        ],
        examples: [
            .triggering("steps:\n  - run: make\n ↓- run: test\n", path: ".github/workflows/ci.yml"),
            .triggering("list: [1, 2\nnext↓: 3\n", path: "config.yaml"),
            .triggering("↓name: a\nname: b\n", path: "config.yml"),
            .passing("a: 1\n---\nb: [1, 2]\n", path: "multi.yaml"),
            .passing("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n", path: "stack.yml"),
            .passing("base: &base { a: 1 }\nderived:\n  <<: *base\n  b: 2\n", path: "anchors.yml"),
            .triggering("a: " + String(repeating: "[", count: 64) + "↓[", path: "deep.yml"),
            .passing("{{- if .Values.enabled }}\nkind: Service\n{{- end }}\n", path: "chart/templates/service.yaml"),
        ]
    )

    private let ignore: GlobList

    public init(_ configuration: RuleConfiguration) {
        ignore = GlobList(configuration.globs("ignore"))
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        let fileExtension = file.fileExtension
        guard fileExtension == "yml" || fileExtension == "yaml", file.hasTextContent, !file.keepsItsBlob,
              !ignore.matches(file.path) else { return [] }
        let text = String(decoding: file.content, as: UTF8.self)
        guard let (line, column, message) = Self.firstProblem(in: text, content: file.content) else { return [] }
        return [context.finding(
            file, line: line, column: column, "invalid YAML: \(message)",
            hint: "fix the syntax; if this file is a template for another tool, add it to quality.yaml-syntax.ignore",
            fingerprintText: file.content.line(line)?.trimmedText ?? "")]
    }

    /// The basic resolver leaves every scalar a string: types do not matter for syntax, and
    /// resolving them costs a regular expression per scalar. The encoding is given so that
    /// Yams does not look it up in the environment on every call.
    private static func firstProblem(in text: String, content: [UInt8]) -> (Int, Int, String)? {
        if let hazard = PolicyBounds.composeHazard(in: text) { return (hazard.line, hazard.column, hazard.message) }
        do {
            var documents = try Yams.compose_all(yaml: text, .basic, .default, .utf8)
            while documents.next() != nil {}
            guard let error = documents.error else { return nil }
            throw error
        } catch let error as YamlError {
            return describe(error, text: text, content: content)
        } catch {
            return (1, 1, "\(error)")
        }
    }

    private static func describe(_ error: YamlError, text: String, content: [UInt8]) -> (Int, Int, String)? {
        // libyaml counts columns in Unicode scalars; findings count bytes.
        func place(_ mark: Mark) -> (Int, Int) {
            (mark.line, content.line(mark.line)?.byteColumn(ofScalar: mark.column) ?? mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = problem
            if let context, context.mark.line != mark.line || context.mark.column != mark.column {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            let (line, column) = place(mark)
            return (line, column, message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let (line, column) = place(context.mark)
            return (line, column, "\(keys) is set more than once in the same map (the first is here)")
        case .reader(let problem, let offset, _, _):
            let index = offset.flatMap { text.index(text.startIndex, offsetBy: $0, limitedBy: text.endIndex) } ?? text.startIndex
            let (line, column) = content.position(of: text.utf8.distance(from: text.startIndex, to: index))
            return (line, column, problem)
        default:
            return (1, 1, "\(error)")
        }
    }
}
