/// Merge conflict markers left in a file: code that does not build, or worse, that does.
public struct ConflictMarkerRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/conflict-marker",
        summary: """
            An added line is a merge conflict marker: `<<<<<<< `, `||||||| `, `>>>>>>> ` at the start of \
            the line, or `=======` alone on it (that one only when the file also holds a `<<<<<<<` or \
            `>>>>>>>` marker, so Markdown and reStructuredText underlines pass).
            """,
        defaultSeverity: .error,
        policyKey: "quality.conflict-marker",
        examples: [
            .triggering("let a = 1\n↓<<<<<<< HEAD\nlet b = 2\n↓=======\nlet b = 3\n↓>>>>>>> feature\n"),
            .triggering("↓<<<<<<< ours\nx\n↓||||||| base\ny\n↓=======\nz\n↓>>>>>>> theirs\n", path: "notes.txt"),
            .triggering("a\r\n↓=======\r\nb\r\n↓>>>>>>> main\r\n", path: "crlf.txt"),
            .passing("Title\n=======\n\nText.\n", path: "README.md"),
            .passing("let arrows = \"<<<<<<< not at the start\"\n// =======\n"),
            .passing("<<<<<<<< eight is not a marker\n=======x\n", path: "notes.txt"),
        ]
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.hasTextContent else { return [] }
        var findings: [Finding] = []
        var separators: [(line: Int, text: String)] = []
        var sawMarker = false
        file.forEachAddedLine { number, line in
            guard let first = line.first, Self.markerBytes.contains(first) else { return }
            switch Self.marker(line) {
            case .separator:
                separators.append((number, line.trimmedText))
            case .side(let name):
                sawMarker = true
                findings.append(finding(file, number, line.trimmedText, name, context))
            case nil:
                break
            }
        }
        guard !separators.isEmpty, sawMarker || Self.holdsSideMarker(file.content) else { return findings }
        findings += separators.map { finding(file, $0.line, $0.text, "=======", context) }
        return findings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    private func finding(_ file: FileChange, _ line: Int, _ text: String, _ marker: String, _ context: FileContext) -> Finding {
        context.finding(file, line: line, column: 1, "merge conflict marker '\(marker)' left in the file",
                        hint: "resolve the conflict: keep the right lines and delete every marker line",
                        fingerprintText: text)
    }

    private enum Marker: Equatable {
        case side(String)
        case separator
    }

    private static let markerBytes: [UInt8] = Array("<>|=".utf8)
    private static let sides = ["<<<<<<<", "|||||||", ">>>>>>>"].map { Array($0.utf8) }
    private static let separator = Array("=======".utf8)

    /// Git writes `<<<<<<< label` (a space and a label; `git merge-file` may leave the label out)
    /// and `=======` alone.
    private static func marker(_ line: ArraySlice<UInt8>) -> Marker? {
        let line = line.droppingCarriageReturn
        let start = line.startIndex
        for side in sides where line.hasPrefix(side, at: start) {
            let rest = line.dropFirst(side.count)
            guard rest.isEmpty || rest.first == ASCII.space else { return nil }
            return .side(String(decoding: side, as: UTF8.self))
        }
        return line.elementsEqual(separator) ? .separator : nil
    }

    /// Whether any line of the content (added or not) is a `<<<<<<<` or `>>>>>>>` marker.
    private static func holdsSideMarker(_ content: [UInt8]) -> Bool {
        var found = false
        LiteralSearch(["<<<<<<<", ">>>>>>>"]).forEachLine(in: content) { line in
            if case .side(let name)? = marker(line), name != "|||||||" { found = true }
            return !found
        }
        return found
    }
}
