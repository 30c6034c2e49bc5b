/// A JSON file that does not parse breaks whatever reads it, often only at run time.
public struct JSONSyntaxRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/json-syntax",
        summary: """
            A changed `*.json` file is not valid JSON (RFC 8259, strictly: no comments, no trailing \
            commas; one value, which may be a bare string or number). Files known to allow comments are \
            skipped through `ignore`.
            """,
        defaultSeverity: .error,
        policyKey: "quality.json-syntax",
        options: [
            RuleOption("ignore", .list(.glob), default: defaultIgnore, """
                JSON files read by tools that allow comments and trailing commas (JSONC): \
                TypeScript and JavaScript project files, VS Code and dev container settings, \
                ESLint's legacy configuration.
                """),
        ],
        examples: [
            .triggering("{\n  \"name\": \"app\",\n  \"private\": true↓,\n}\n", path: "package.json"),
            .triggering("{\n  \"a\": 1\n  ↓\"b\": 2\n}\n", path: "config.json"),
            .triggering("[\n  ↓// a comment\n  1\n]\n", path: "data.json"),
            .triggering("{ \"a\": ↓'single' }\n", path: "data.json"),
            .passing("{ \"name\": \"app\", \"list\": [1, -2.5e3, true, null, \"\\u00e9\\n\"] }\n", path: "package.json"),
            .passing("\"a bare string is a JSON text\"\n", path: "fragment.json"),
            .passing("{\n  // comments are fine here\n  \"compilerOptions\": {},\n}\n", path: "tsconfig.base.json"),
            .passing("{ \"editor.tabSize\": 4, }\n", path: ".vscode/settings.json"),
            .passing("not JSON, and not a .json file\n", path: "notes.txt"),
        ]
    )

    static let defaultIgnore: OptionValue = [
        "tsconfig*.json", "jsconfig*.json", ".vscode", ".devcontainer", ".devcontainer.json",
        ".eslintrc.json",
    ]

    private let ignore: GlobList

    public init(_ configuration: RuleConfiguration) {
        ignore = GlobList(configuration.globs("ignore"))
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.fileExtension == "json", file.hasTextContent, !file.keepsItsBlob,
              !ignore.matches(file.path),
              let problem = JSONValidation.firstProblem(in: file.content) else { return [] }
        let (line, column) = file.content.position(of: problem.offset)
        return [context.finding(
            file, line: line, column: column, "invalid JSON: \(problem.message)",
            hint: "fix the syntax; if this file's reader allows comments (JSONC), add it to quality.json-syntax.ignore",
            fingerprintText: file.content.line(line)?.trimmedText ?? "")]
    }
}
