/// Text that is not UTF-8 shows as mojibake in tools, diffs and reviews.
public struct InvalidUTF8Rule: FileRule {
    public static let description = RuleDescription(
        id: "quality/invalid-utf8",
        summary: """
            Added lines of a text file are not valid UTF-8. One finding per file, at the first bad byte, \
            with the number of such lines: a file in another encoding (Latin-1, say) would otherwise \
            give one per line.
            """,
        defaultSeverity: .warning,
        policyKey: "quality.invalid-utf8",
        examples: [
            .triggering(bytes: Array("caf".utf8) + [0xE9] + Array("\nok\n".utf8), path: "menu.txt"),
            .triggering(bytes: Array("a\n".utf8) + [0xED, 0xA0, 0x80] + Array("\n".utf8), path: "surrogate.txt"),
            .passing("café, naïve, 日本語, emoji 🎉\n", path: "menu.txt"),
        ]
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        // A valid file, nearly every file, is done in one pass.
        guard file.hasTextContent, !file.addedRanges.isEmpty,
              UTF8Validation.firstInvalidByte(in: file.content[...]) != nil else { return [] }
        var first: (line: Int, column: Int, byte: UInt8, text: String)?
        var lines = 0
        file.forEachAddedLine { number, line in
            guard let offset = UTF8Validation.firstInvalidByte(in: line) else { return }
            lines += 1
            if first == nil {
                first = (number, offset + 1, line[line.startIndex + offset], line.trimmedText)
            }
        }
        guard let first else { return [] }
        let byte = "0x" + String(first.byte, radix: 16, uppercase: true)
        let others = lines > 1 ? " (\(lines) added lines have invalid bytes)" : ""
        return [context.finding(
            file, line: first.line, column: first.column, "not valid UTF-8: byte \(byte)\(others)",
            hint: "save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)",
            fingerprintText: first.text)]
    }
}
