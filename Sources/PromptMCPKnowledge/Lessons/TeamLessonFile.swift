import Foundation
import Yams

/// A team lesson's file, `.promptmcp/lessons/ID.md`: YAML front matter, then the fix in Markdown.
///
///     ---
///     id: "L3f2a9c01"
///     title: "Keep AWS keys out of config files"
///     rule: "secrets.aws-access-key"
///     paths: "config/*.yml"
///     origin: "finding"
///     created: "2025-11-25T10:00:00Z"
///     ---
///     Read the key from the environment; the deploy job sets it.
enum TeamLessonFile {
    static func render(_ lesson: Lesson) -> String {
        var lines = ["---", "id: \(quoted(lesson.id))", "title: \(quoted(lesson.title))"]
        if let rule = lesson.rule { lines.append("rule: \(quoted(rule))") }
        if let paths = lesson.paths { lines.append("paths: \(quoted(paths))") }
        lines.append("origin: \(quoted(lesson.origin.rawValue))")
        lines.append("created: \(quoted(ISO8601DateFormatter().string(from: lesson.createdAt)))")
        lines.append("---")
        return lines.joined(separator: "\n") + "\n" + lesson.fix.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    /// nil for a file that is not a lesson (no front matter, no id or title).
    static func parse(_ text: String) -> Lesson? {
        guard let (front, body) = split(text),
              let fields = (try? Yams.load(yaml: front)) as? [String: Any],
              let id = fields["id"].map({ "\($0)" }), let title = fields["title"].map({ "\($0)" }) else { return nil }
        let created = (fields["created"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }
            ?? (fields["created"] as? Date) ?? Date(timeIntervalSince1970: 0)
        return Lesson(id: id, title: title, rule: fields["rule"].map { "\($0)" }, paths: fields["paths"].map { "\($0)" },
                      fix: body.trimmingCharacters(in: .whitespacesAndNewlines),
                      origin: Lesson.Origin(rawValue: fields["origin"] as? String ?? "") ?? .manual,
                      scope: .team, createdAt: created, confidence: Confidence.initialManual)
    }

    /// What the search index sees: the title as a heading, rule and paths, then the fix.
    static func searchableText(_ text: String) -> String {
        guard let lesson = parse(text) else { return text }
        return searchableText(lesson)
    }

    static func searchableText(_ lesson: Lesson) -> String {
        let facts = [lesson.rule.map { "Rule: \($0)" }, lesson.paths.map { "Paths: \($0)" }].compactMap { $0 }
        return "# \(lesson.title)\n\n" + (facts + [lesson.fix]).joined(separator: "\n\n")
    }

    private static func split(_ text: String) -> (String, String)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return nil }
        return (lines[1..<end].joined(separator: "\n"), lines[(end + 1)...].joined(separator: "\n"))
    }

    /// A YAML double-quoted scalar; JSON's string escaping is valid YAML.
    private static func quoted(_ value: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = (try? encoder.encode(value)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
