/// A to-do note that no issue tracks tends to stay for good: each one should point at an issue.
public struct TodoWithoutReferenceRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/todo-without-reference",
        // promptmcp:allow quality/todo-without-reference the summary names the keywords
        summary: "An added line has a `TODO`, `FIXME` or `XXX` (upper case, a whole word, not inside a double-quoted string) "
            + "but no reference to an issue matching `reference` (by default `#123`, `ABC-123` or a URL) anywhere on the line.",
        defaultSeverity: .warning,
        policyKey: "quality.todo-without-reference",
        options: [
            RuleOption("reference", .regex, default: #"#\d+|[A-Z][A-Z0-9]+-\d+|https?://"#,
                       "What counts as a reference: a regular expression searched for in the whole line."),
        ],
        examples: [
            .triggering("// ↓TODO: handle the empty case\nlet a = 1 // ↓FIXME later\n"),
            .triggering("# ↓XXX: remove after the migration\n", path: "setup.py"),
            .triggering("// ↓TODO(#12) is not enough here\n", policy: "quality:\n  todo-without-reference: { reference: 'PROJ-\\d+' }\n"),
            .passing("// TODO(#123): handle the empty case\n// FIXME: PAY-42 rounding\n// TODO: see https://example.com/issues/7\n"),
            .passing("let todoList = TODOs + [\"XXXL\"]\n// Todo: lower case is prose, not a marker\n"),
            .passing("let label = \"TODO\"\n"),
            .passing("// TODO: PROJ-7 rounding\n", policy: "quality:\n  todo-without-reference: { reference: 'PROJ-\\d+' }\n"),
        ]
    )

    // promptmcp:allow quality/todo-without-reference the rule's own keywords
    private static let keywords = ["TODO", "FIXME", "XXX"]
    private static let search = LiteralSearch(keywords)
    private let reference: PolicyRegex

    public init(_ configuration: RuleConfiguration) throws {
        reference = try configuration.regex("reference")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.hasTextContent else { return [] }
        var findings: [Finding] = []
        Self.search.forEachAddedLine(in: file) { number, line in
            // The first keyword that stands as a whole word outside a string; the regex runs only
            // on such lines.
            let hits = Self.search.literals.compactMap { keyword in
                line.firstWordMatch(of: keyword).flatMap { line.isInsideDoubleQuotes($0) ? nil : (index: $0, keyword: keyword) }
            }
            guard let first = hits.min(by: { $0.index < $1.index }) else { return }
            let text = String(decoding: line, as: UTF8.self)
            guard !reference.matches(in: text) else { return }
            let keyword = String(decoding: first.keyword, as: UTF8.self)
            findings.append(context.finding(
                file, line: number, column: first.index - line.startIndex + 1,
                "\(keyword) without a reference to an issue",
                hint: "link it to the issue that tracks it (a reference matching '\(reference.pattern)', such as TODO(#123)), or do it now",
                fingerprintText: line.trimmedText))
        }
        return findings
    }
}
