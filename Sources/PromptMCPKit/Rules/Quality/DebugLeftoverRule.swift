/// Debug output and breakpoints left in code: calls that only ever served the author's session.
public struct DebugLeftoverRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/debug-leftover",
        summary: """
            An added line calls a debugging aid (Swift's `debugPrint` and `dump`, JavaScript's \
            `console.log`, Python's `breakpoint`, ...), chosen by file extension. Lines that start as a \
            comment, text inside a double-quoted string on the line, and methods of the same name \
            (`db.dump(...)`) are skipped. Swift's `print` is not looked for by default: in executables, \
            examples, playgrounds, scripts and dev tools it is the program's output (176 of swift-nio's \
            179 `print` calls), and only the target kind, not the file, tells the two apart; a library \
            project adds it with `patterns: { swift: ["print(", "debugPrint(", "dump("] }`.
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
            .triggering("func load() {\n    ↓debugPrint(state)\n    ↓dump(model)\n}\n", path: "Sources/Lib/Model.swift"),
            .triggering("const a = 1;\n↓console.log(a);\n↓debugger;\n", path: "web/app.ts"),
            .triggering("def f():\n    ↓breakpoint()\n    import pdb; ↓pdb.set_trace()\n", path: "tool.py"),
            .triggering("fn main() { let x = ↓dbg!(2); }\n", path: "src/main.rs"),
            .triggering("log(\"x\")\n↓NSLog(\"y\")\n", policy: "quality:\n  debug-leftover: { patterns: { swift: ['NSLog('] } }\n"),
            .triggering("↓print(\"here\")\n", policy: "quality:\n  debug-leftover: { patterns: { swift: ['print('] } }\n"),
            .passing("print(\"usage: tool FILE\")\n", path: "Sources/tool/main.swift"),
            .passing("let plan = blueprint(\"x\")\n// dump(\"commented out\")\n/// Call `dump(value)` to see it.\ntry db.dump(to: stream)\n"),
            .passing("print(\"scripts print\")\n", path: "tool.py"),
            .passing("log(\"call print(x) to see it\")\n"),
            .passing("console.log(x)\n", path: "notes.md"),
            .passing("dump(tree)\n", policy: "quality:\n  debug-leftover: { patterns: { swift: [] } }\n"),
        ]
    )

    static let defaultPatterns: OptionValue = [
        "swift": ["debugPrint(", "dump("],
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
            guard line.indentEnd < line.endIndex, !line.startsAsComment else { return }
            // Each call on the line is a finding: two leftovers on one line are two to remove.
            var hits: [(index: Int, literal: [UInt8])] = []
            for literal in search.literals {
                var from = line.startIndex
                while let index = line.firstWordMatch(of: literal, from: from) {
                    if !line.isInsideDoubleQuotes(index), !Self.isMethodCall(line, at: index) { hits.append((index, literal)) }
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

    /// `value.dump(`: a method of the same name, not the debugging function.
    private static func isMethodCall(_ line: ArraySlice<UInt8>, at index: Int) -> Bool {
        index > line.startIndex && line[index - 1] == UInt8(ascii: ".")
    }
}
