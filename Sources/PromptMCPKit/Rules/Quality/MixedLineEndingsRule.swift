/// CRLF and LF in one file: diffs that change every line, and tools that read one of the two wrong.
public struct MixedLineEndingsRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/mixed-line-endings",
        summary: """
            A text file with added lines has both CRLF and LF line endings in its staged content; the \
            finding is at the first line with the less common ending (CRLF when they are as common).
            """,
        defaultSeverity: .warning,
        policyKey: "quality.mixed-line-endings",
        examples: [
            .triggering("one\ntwo\nthree↓\r\nfour\n"),
            .triggering("one\r\ntwo↓\nthree\r\n", path: "script.bat"),
            .passing("one\r\ntwo\r\n", path: "script.bat"),
            .passing("one\ntwo\rstill two\n"),
        ]
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        // Nearly every file has no "\r" at all: one memchr-fast pass and done.
        guard file.hasTextContent, file.addedLineCount > 0, file.content.containsByte(ASCII.carriageReturn) else { return [] }
        var crlf = (count: 0, first: 0, column: 0)
        var lf = (count: 0, first: 0, column: 0)
        var number = 0
        var lineStart = 0
        let content = file.content
        while let newline = content[lineStart...].firstIndex(of: ASCII.newline) {
            number += 1
            if newline > lineStart, content[newline - 1] == ASCII.carriageReturn {
                if crlf.count == 0 { crlf = (0, number, newline - lineStart) }
                crlf.count += 1
            } else {
                if lf.count == 0 { lf = (0, number, newline - lineStart + 1) }
                lf.count += 1
            }
            lineStart = newline + 1
        }
        guard crlf.count > 0, lf.count > 0 else { return [] }
        let (minority, majority, minorityName, majorityName) = crlf.count <= lf.count
            ? (crlf, lf, "CRLF", "LF") : (lf, crlf, "LF", "CRLF")
        let total = crlf.count + lf.count
        return [context.finding(
            file, line: minority.first, column: minority.column,
            "line ends with \(minorityName), but \(majority.count) of \(total) lines end with \(majorityName)",
            hint: "use one line ending in the file (convert with dos2unix or unix2dos; `* text=auto` in .gitattributes keeps it so)",
            fingerprintText: file.content.line(minority.first)?.trimmedText ?? "")]
    }
}
