/// Spaces and tabs at the end of a line: invisible, and noise in every later diff of the line.
public struct TrailingWhitespaceRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/trailing-whitespace",
        summary: """
            An added line ends in spaces or tabs after code (before a CRLF ending too). By default a \
            line holding only whitespace, or only a comment marker (`///`, `//`, `#`, `*`) and \
            whitespace, is not judged: that is Xcode's indentation of blank lines (17,632 of GRDB's \
            19,287 findings), not a mistake in the line. Markdown is not judged by default (trailing \
            spaces render the same, and two of them are a hard line break); when it is, two or more \
            spaces after text pass and a tab or a single space does not.
            """,
        defaultSeverity: .warning,
        policyKey: "quality.trailing-whitespace",
        options: [
            RuleOption("markdown", .list(.glob), default: ["*.md", "*.markdown"],
                       "Markdown files, where two or more trailing spaces after text are a hard line break."),
            RuleOption("ignore", .list(.glob), default: ["*.patch", "*.diff", "*.md", "*.markdown"],
                       "Files not judged: patches, whose context lines for blank lines are a single space, and prose."),
            RuleOption("blank-lines", .boolean, default: "false",
                       "Judge lines that hold only whitespace, or only a comment marker and whitespace, too."),
        ],
        examples: [
            .triggering("let a = 1↓ \nlet b = 2↓\t\n"),
            .triggering("let a = 1↓  \r\nlet b = 2\r\n"),
            .triggering("func f() {↓ \n    return↓\t\n}\n"),
            .triggering("line one↓ \nline two  \n   \n", path: "docs/guide.md", policy: "quality:\n  trailing-whitespace: { ignore: [] }\n"),
            .triggering("let a = 1\n↓    \n", policy: "quality:\n  trailing-whitespace: { blank-lines: true }\n"),
            .passing("let a = 1\nlet b = 2\r\n\n"),
            .passing("struct S {\n    \n    let a = 1\n\t\n    /// \n    // \r\n}\n"),
            .passing("first line  \nsecond line \n", path: "README.md"),
            .passing("first line  \nsecond line\n", path: "README.md", policy: "quality:\n  trailing-whitespace: { ignore: [] }\n"),
            .passing("@@ -1,2 +1,2 @@\n \n-old\n+new\n", path: "fix.patch"),
        ]
    )

    private let markdown: GlobList
    private let ignore: GlobList
    private let judgesBlankLines: Bool

    public init(_ configuration: RuleConfiguration) {
        markdown = GlobList(configuration.globs("markdown"))
        ignore = GlobList(configuration.globs("ignore"))
        judgesBlankLines = configuration.bool("blank-lines")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.hasTextContent else { return [] }
        var findings: [Finding] = []
        // The globs are tried only once a line with trailing whitespace turns up.
        var ignored: Bool?
        var isMarkdown = false
        file.forEachAddedLine { number, line in
            let line = line.droppingCarriageReturn
            guard let last = line.last, last == ASCII.space || last == ASCII.tab else { return }
            if ignored == nil {
                ignored = ignore.matches(file.path)
                isMarkdown = markdown.matches(file.path)
            }
            guard ignored == false else { return }
            var start = line.endIndex
            while start > line.startIndex, line[start - 1] == ASCII.space || line[start - 1] == ASCII.tab { start -= 1 }
            guard judgesBlankLines || !Self.isBlank(line[..<start]) else { return }
            let run = line[start...]
            if isMarkdown, start > line.startIndex, run.count >= 2, !run.contains(ASCII.tab) { return }
            findings.append(context.finding(
                file, line: number, column: start - line.startIndex + 1,
                "trailing whitespace (\(Self.describe(run)))",
                hint: "delete it (most editors can trim trailing whitespace on save)",
                fingerprintText: line.trimmedText))
        }
        return findings
    }

    /// Nothing but indentation, or indentation and a comment marker with nothing after it.
    private static func isBlank(_ text: ArraySlice<UInt8>) -> Bool {
        let rest = text[text.indentEnd...]
        return rest.isEmpty || rest.allSatisfy { Self.commentMarker.contains($0) }
    }

    private static let commentMarker: Set<UInt8> = [UInt8(ascii: "/"), UInt8(ascii: "#"), UInt8(ascii: "*")]

    private static func describe(_ run: ArraySlice<UInt8>) -> String {
        let tabs = run.filter { $0 == ASCII.tab }.count
        let spaces = run.count - tabs
        return [spaces > 0 ? Plural.count(spaces, "space") : nil, tabs > 0 ? Plural.count(tabs, "tab") : nil]
            .compactMap { $0 }.joined(separator: " and ")
    }
}
