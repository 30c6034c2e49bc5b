/// A to-do note that no issue tracks tends to stay for good: each one should point at an issue.
public struct TodoWithoutReferenceRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/todo-without-reference",
        // promptmcp:allow quality/todo-without-reference the summary names the keywords
        summary: "An added line has a `TODO`, `FIXME` or `XXX` (upper case, a whole word, not inside a double-quoted string, "
            + "not part of a placeholder such as `XXX-TESTS-XXX`) but no owner (`TODO(name)`) and no reference to an issue matching "
            + "`reference` (by default `#123`, `ABC-123` or a URL) anywhere on the line. Off by default: mature projects keep plain "
            + "to-do notes as a convention (GRDB: 152 in 768 files, swift-nio 63, vapor 13), so the rule is for teams that "
            + "agreed to link each one; switch it on with `quality: { todo-without-reference: warning }`.",
        defaultSeverity: .off,
        policyKey: "quality.todo-without-reference",
        options: [
            RuleOption("reference", .regex, default: #"#\d+|[A-Z][A-Z0-9]+-\d+|https?://"#,
                       "What counts as a reference: a regular expression searched for in the whole line."),
            RuleOption("owner", .boolean, default: "true",
                       "Whether a name in parentheses right after the keyword (`TODO(alice)`, `FIXME(compnerd)`) counts as a reference."),
        ],
        examples: [
            .triggering("// ↓TODO: handle the empty case\nlet a = 1 // ↓FIXME later\n"),
            .triggering("# ↓XXX: remove after the migration\n", path: "setup.py"),
            .triggering("// ↓TODO(#12) is not enough here\n", policy: "quality:\n  todo-without-reference: { reference: 'PROJ-\\d+', owner: false }\n"),
            .triggering("// ↓TODO() an empty owner is none\n"),
            .passing("// TODO(#123): handle the empty case\n// FIXME: PAY-42 rounding\n// TODO: see https://example.com/issues/7\n"),
            .passing("// TODO(compnerd) use InetNtopW\n// FIXME(alice): rounding\n"),
            .passing("let todoList = TODOs + [\"XXXL\"]\n// Todo: lower case is prose, not a marker\n"),
            .passing("let label = \"TODO\"\nlet name = XXX-TESTS-XXX\n"),
            .passing("// TODO: PROJ-7 rounding\n", policy: "quality:\n  todo-without-reference: { reference: 'PROJ-\\d+' }\n"),
        ]
    )

    // promptmcp:allow quality/todo-without-reference the rule's own keywords
    private static let keywords = ["TODO", "FIXME", "XXX"]
    private static let search = LiteralSearch(keywords)
    private let reference: PolicyRegex
    private let ownerCounts: Bool

    public init(_ configuration: RuleConfiguration) throws {
        reference = try configuration.regex("reference")
        ownerCounts = configuration.bool("owner")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.hasTextContent else { return [] }
        var findings: [Finding] = []
        Self.search.forEachAddedLine(in: file) { number, line in
            // The first keyword that stands as a whole word outside a string; the regex runs only
            // on such lines.
            let hits = Self.search.literals.compactMap { keyword in
                line.firstWordMatch(of: keyword).flatMap { index in
                    line.isInsideDoubleQuotes(index) || Self.isPlaceholder(line, index, keyword) ? nil : (index: index, keyword: keyword)
                }
            }
            guard let first = hits.min(by: { $0.index < $1.index }) else { return }
            if ownerCounts, Self.hasOwner(line, after: first.index + first.keyword.count) { return }
            let text = String(decoding: line, as: UTF8.self)
            guard !reference.matches(in: text) else { return }
            let keyword = String(decoding: first.keyword, as: UTF8.self)
            findings.append(context.finding(
                file, line: number, column: first.index - line.startIndex + 1,
                "\(keyword) without an owner or a reference to an issue",
                hint: "link it to the issue that tracks it (a reference matching '\(reference.pattern)', such as TODO(#123)), or do it now",
                fingerprintText: line.trimmedText))
        }
        return findings
    }

    /// `XXX-TESTS-XXX`: a keyword joined to other text by a hyphen is a placeholder, not a note.
    private static func isPlaceholder(_ line: ArraySlice<UInt8>, _ index: Int, _ keyword: [UInt8]) -> Bool {
        let hyphen = UInt8(ascii: "-")
        let end = index + keyword.count
        return (index > line.startIndex && line[index - 1] == hyphen) || (end < line.endIndex && line[end] == hyphen)
    }

    /// `TODO(alice)`: a non-empty name in parentheses right after the keyword.
    private static func hasOwner(_ line: ArraySlice<UInt8>, after end: Int) -> Bool {
        guard end < line.endIndex, line[end] == UInt8(ascii: "(") else { return false }
        guard let close = line[(end + 1)...].firstIndex(of: UInt8(ascii: ")")) else { return false }
        return close > end + 1
    }
}
