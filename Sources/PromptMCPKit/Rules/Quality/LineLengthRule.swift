/// Lines too long to read: on by default, but at a limit only generated or pasted text reaches.
public struct LineLengthRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/line-length",
        summary: """
            An added line is longer than `max` characters (Unicode scalars, not bytes). A warning at a \
            generous 300 by default: it catches pasted, generated or minified text (thousands of \
            characters a line) without arguing about a project's style, which a formatter settles; \
            hand-written code in swift-nio, vapor and GRDB reaches 200-300 (long signatures, shell \
            matrices). Skipped by default: lines holding a URL (a URL cannot be wrapped), comment \
            lines (doc comments are prose, wrapped by whatever renders them), and lines that are \
            mostly string literals (test vectors, messages: wrapping them splits a literal).
            """,
        defaultSeverity: .warning,
        policyKey: "quality.line-length",
        options: [
            RuleOption("max", .integer(minimum: 1), default: "300", "The longest line allowed, in characters."),
            RuleOption("ignore", .list(.glob), default: defaultIgnore, """
                Files not judged: prose, where a paragraph is often one line, and data or \
                generated text (minified code, source maps, SVG, CSV, JSON).
                """),
            RuleOption("comments", .boolean, default: "false",
                       "Judge comment lines too (those starting with `//`, `/*`, `*` or `#`)."),
            RuleOption("literals", .boolean, default: "false",
                       "Judge lines whose characters are mostly inside double-quoted string literals too."),
        ],
        examples: [
            .triggering("let short = 1\nlet long = 012345678↓9012\n", policy: "quality:\n  line-length: { max: 20 }\n"),
            .triggering("let éééé↓é\n", policy: "quality:\n  line-length: { max: 8 }\n"),
            .passing("let éééé\n", policy: "quality:\n  line-length: { max: 8 }\n"),
            .passing("// see https://example.com/a/very/long/path/that/cannot/be/wrapped\n", policy: "quality:\n  line-length: { max: 20 }\n"),
            .passing("A paragraph written on one line, as Markdown allows.\n", path: "README.md", policy: "quality:\n  line-length: { max: 20 }\n"),
            .passing("    /// A doc comment is prose that wraps.\n# so is a shell comment\n", policy: "quality:\n  line-length: { max: 20 }\n"),
            .triggering("/// A doc comment ↓is prose\n", policy: "quality:\n  line-length: { max: 18, comments: true }\n"),
            .passing("let v = [\"6666\", \"6f6f\", \"6f6f\", \"6262\"]\n", policy: "quality:\n  line-length: { max: 20 }\n"),
            .passing("let json = #\"{\"key\": \"value\", \"other\": \"value\"}\"#\n", policy: "quality:\n  line-length: { max: 20 }\n"),
            .triggering("let total = compute(a,↓ \"b\")\n", policy: "quality:\n  line-length: { max: 22 }\n"),
        ]
    )

    static let defaultIgnore: OptionValue = [
        "*.md", "*.markdown", "*.rst", "*.adoc", "*.txt", "*.min.js", "*.min.css", "*.map", "*.svg",
        "*.csv", "*.tsv", "*.json", "*.jsonl", "*.ndjson",
    ]

    private let max: Int
    private let ignore: GlobList
    private let judgesComments: Bool
    private let judgesLiterals: Bool

    public init(_ configuration: RuleConfiguration) {
        max = configuration.int("max")
        ignore = GlobList(configuration.globs("ignore"))
        judgesComments = configuration.bool("comments")
        judgesLiterals = configuration.bool("literals")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        // A line of no more bytes than the limit has no more characters either.
        guard file.hasTextContent, max > 0, file.content.count > max else { return [] }
        var findings: [Finding] = []
        var ignored: Bool?  // the globs are tried only once a long line turns up
        file.forEachAddedLine { number, line in
            let line = line.droppingCarriageReturn
            guard line.count > max else { return }
            let length = line.scalarCount
            guard length > max, line.firstWordMatch(of: Self.url) == nil else { return }
            guard judgesComments || !line.startsAsComment, judgesLiterals || !line.isMostlyStringLiterals else { return }
            if ignored == nil { ignored = ignore.matches(file.path) }
            guard ignored == false else { return }
            findings.append(context.finding(
                file, line: number, column: line.byteColumn(ofScalar: max + 1),
                "line is \(length) characters long, over the limit of \(max)",
                hint: "break the line; for generated or data files, add a glob to quality.line-length.ignore",
                fingerprintText: line.trimmedText))
        }
        return findings
    }

    private static let url = Array("://".utf8)
}
