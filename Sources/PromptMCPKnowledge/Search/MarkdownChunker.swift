import Foundation

/// Cuts Markdown into chunks at headings, each titled with its heading path ("Guide › Auth ›
/// Tokens"), so that a search hit lands on a section rather than a whole file. A section longer
/// than `maxCharacters` is split further at blank lines. Headings inside code fences are code.
enum MarkdownChunker {
    struct Chunk: Equatable {
        var title: String
        /// GitHub's anchor for the heading (`#tokens`), empty for text before the first heading.
        var anchor: String
        var body: String
    }

    static let maxCharacters = 4000

    static func chunks(_ text: String, fallbackTitle: String) -> [Chunk] {
        var result: [Chunk] = []
        var path: [(level: Int, title: String)] = []
        var anchor = ""
        var lines: [Substring] = []
        var inFence = false

        func flush() {
            let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            lines.removeAll(keepingCapacity: true)
            guard !body.isEmpty || !path.isEmpty else { return }
            let title = path.isEmpty ? fallbackTitle : path.map(\.title).joined(separator: " › ")
            for part in split(body) { result.append(Chunk(title: title, anchor: anchor, body: part)) }
        }

        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, let (level, title) = heading(line) {
                flush()
                path.removeAll { $0.level >= level }
                path.append((level, title))
                anchor = "#" + slug(title)
                continue
            }
            lines.append(line)
        }
        flush()
        return result
    }

    private static func heading(_ line: Substring) -> (Int, String)? {
        guard line.hasPrefix("#") else { return nil }
        let level = line.prefix(while: { $0 == "#" }).count
        let rest = line.dropFirst(level)
        guard level <= 6, rest.isEmpty || rest.first == " " else { return nil }
        let title = rest.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "#"))
            .trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? nil : (level, title)
    }

    static func slug(_ title: String) -> String {
        String(title.lowercased().compactMap { $0 == " " ? "-" : ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : nil })
    }

    private static func split(_ body: String) -> [String] {
        guard body.count > maxCharacters else { return [body] }
        var parts: [String] = []
        var current = ""
        for paragraph in body.components(separatedBy: "\n\n") {
            if !current.isEmpty, current.count + paragraph.count > maxCharacters {
                parts.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : "\n\n") + paragraph
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
