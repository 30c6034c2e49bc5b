/// A last line without "\n": tools treat it as incomplete, and the next line added to the file
/// shows as a change to it too.
public struct FinalNewlineRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/final-newline",
        summary: """
            A non-empty text file's staged content does not end with a newline, and its last line is an \
            added line (a file that already lacked one is not blamed on an edit elsewhere).
            """,
        defaultSeverity: .warning,
        policyKey: "quality.final-newline",
        examples: [
            .triggering("let a = 1\nlet b = 2↓"),
            .triggering("{ \"a\": 1 }↓", path: "config.json"),
            .passing("let a = 1\n"),
            .passing("", path: "empty.txt"),
        ]
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.hasTextContent, let last = file.content.last, last != ASCII.newline else { return [] }
        let number = file.lastLineNumber
        guard file.isAdded(line: number) else { return [] }
        let line = file.content.line(number) ?? []
        return [context.finding(
            file, line: number, column: line.count + 1, "no newline at the end of the file",
            hint: "end the file with a newline (most editors have a setting to add it on save)",
            fingerprintText: line.trimmedText)]
    }
}
