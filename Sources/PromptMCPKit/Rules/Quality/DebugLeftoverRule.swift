/// Debug output and breakpoints left in code: calls that only ever served the author's session.
public struct DebugLeftoverRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/debug-leftover",
        summary: """
            An added line calls a debugging aid (Swift's `print`, JavaScript's `console.log`, Python's \
            `breakpoint`, ...), chosen by file extension. Lines that start as a comment, and text inside \
            a double-quoted string on the line, are skipped.
            """,
        defaultSeverity: .warning,
        policyKey: "quality.debug-leftover",
        options: [
            RuleOption("patterns", .dictionary(.list(.string)), default: defaultPatterns, """
                Literal text (not regular expressions) to look for, by file extension (lowercase, \
                no dot). A literal that starts or ends with a letter, digit or `_` matches only as \
                a whole word there (Swift's `print` pattern does not match `blueprint`). A policy's \
                map is laid over this one key by key: naming an extension replaces its list, `[]` \
                switches it off, other extensions keep theirs. Left out on purpose: Python's `print`, \
                Go's `fmt.Println` and C's `printf` (the normal output of scripts and tools), C# and C++.
                """),
        ],
        examples: [
            .triggering("func load() {\n    ↓print(\"here\")\n    ↓debugPrint(state)\n}\n"),
            .triggering("const a = 1;\n↓console.log(a);\n↓debugger;\n", path: "web/app.ts"),
            .triggering("def f():\n    ↓breakpoint()\n    import pdb; ↓pdb.set_trace()\n", path: "tool.py"),
            .triggering("fn main() { let x = ↓dbg!(2); }\n", path: "src/main.rs"),
            .triggering("log(\"x\")\n↓NSLog(\"y\")\n", policy: "quality:\n  debug-leftover: { patterns: { swift: ['NSLog('] } }\n"),
            .passing("let plan = blueprint(\"x\")\n// print(\"commented out\")\n/// Call `print(value)` to see it.\nTerminal.out(\"ok\")\n"),
            .passing("print(\"scripts print\")\n", path: "tool.py"),
            .passing("log(\"call print(x) to see it\")\n"),
            .passing("console.log(x)\n", path: "notes.md"),
            .passing("print(\"a CLI's output\")\n", policy: "quality:\n  debug-leftover: { patterns: { swift: [] } }\n"),
        ]
    )

    static let defaultPatterns: OptionValue = [
        "swift": ["print(", "debugPrint(", "dump("],
        "js": ["console.log(", "debugger"],
        "jsx": ["console.log(", "debugger"],
        "ts": ["console.log(", "debugger"],
        "tsx": ["console.log(", "debugger"],
        "mjs": ["console.log(", "debugger"],
        "cjs": ["console.log(", "debugger"],
        "vue": ["console.log(", "debugger"],
        "svelte": ["console.log(", "debugger"],
        "py": ["breakpoint()", "pdb.set_trace()", "ipdb.set_trace()"],
        "rb": ["binding.pry", "binding.irb", "byebug"],
        "go": ["println("],
        "php": ["var_dump(", "dd("],
        "java": ["System.out.println(", "printStackTrace()"],
        "kt": ["System.out.println(", "printStackTrace()"],
        "rs": ["dbg!("],
    ]

    /// By file extension; extensions with no pattern left out.
    private let searches: [String: LiteralSearch]

    public init(_ configuration: RuleConfiguration) {
        var searches: [String: LiteralSearch] = [:]
        for (fileExtension, patterns) in configuration.stringLists("patterns") {
            let search = LiteralSearch(patterns)
            if !search.literals.isEmpty { searches[fileExtension.lowercased()] = search }
        }
        self.searches = searches
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.hasTextContent, let search = searches[file.fileExtension] else { return [] }
        var findings: [Finding] = []
        search.forEachAddedLine(in: file) { number, line in
            guard !Self.isComment(line) else { return }
            // Each call on the line is a finding: two leftovers on one line are two to remove.
            var hits: [(index: Int, literal: [UInt8])] = []
            for literal in search.literals {
                var from = line.startIndex
                while let index = line.firstWordMatch(of: literal, from: from) {
                    if !line.isInsideDoubleQuotes(index) { hits.append((index, literal)) }
                    from = index + literal.count
                }
            }
            let text = line.trimmedText
            for hit in hits.sorted(by: { $0.index < $1.index }) {
                let call = String(decoding: hit.literal, as: UTF8.self)
                findings.append(context.finding(
                    file, line: number, column: hit.index - line.startIndex + 1,
                    "debugging leftover '\(call)'",
                    hint: "remove it before committing, or use the project's logger; to allow it, change quality.debug-leftover.patterns for .\(file.fileExtension) files",
                    fingerprintText: text))
            }
        }
        return findings
    }

    /// A line whose first non-blank characters open a comment: `//`, `/*`, `*` (inside a block
    /// comment) or `#`. Only the start is looked at: finding a comment after code would need
    /// each language's string syntax.
    private static func isComment(_ line: ArraySlice<UInt8>) -> Bool {
        let start = line.indentEnd
        guard start < line.endIndex else { return true }
        switch line[start] {
        case UInt8(ascii: "#"), UInt8(ascii: "*"): return true
        case UInt8(ascii: "/"):
            let next = start + 1 < line.endIndex ? line[start + 1] : 0
            return next == UInt8(ascii: "/") || next == UInt8(ascii: "*")
        default: return false
        }
    }
}
