/// Inline suppressions: `promptmcp:allow RULE-ID reason` in a comment on the offending line or
/// on the line above it. The reason is required, so that every exception explains itself in
/// review; `area/*` allows every rule of an area. Whole-file findings cannot be suppressed inline
/// (there may be no line to write on): use a `paths:` entry or the baseline for those.
enum InlineSuppression {
    static let marker = Array("promptmcp:allow".utf8)

    struct Allow: Equatable {
        var rule: String
        var reason: String

        func covers(_ rule: String) -> Bool {
            self.rule == rule || (self.rule.hasSuffix("/*") && rule.hasPrefix(self.rule.dropLast()))
        }
    }

    /// The findings left after the file's allow comments, and how many were suppressed.
    static func apply(_ findings: [Finding], in file: FileChange) -> (kept: [Finding], suppressed: Int) {
        guard findings.contains(where: { $0.line != nil }), file.content.containsBytes(marker) else {
            return (findings, 0)
        }
        let wanted = Set(findings.compactMap(\.line).flatMap { [$0 - 1, $0] }).filter { $0 >= 1 }.sorted()
        var allows: [Int: [Allow]] = [:]
        var lines = LineCursor(file.content)
        for number in wanted {
            guard let line = lines.line(number) else { break }
            allows[number] = parse(line)
        }
        var kept: [Finding] = []
        for var finding in findings {
            guard let line = finding.line else { kept.append(finding); continue }
            let candidates = (allows[line] ?? []) + (allows[line - 1] ?? [])
            guard let allow = candidates.first(where: { $0.covers(finding.rule) }) else { kept.append(finding); continue }
            if allow.reason.isEmpty {
                finding.hint = "promptmcp:allow \(allow.rule) needs a reason after the rule id, so it was not applied"
                kept.append(finding)
            }
        }
        return (kept, findings.count - kept.count)
    }

    /// Every `promptmcp:allow RULE reason` on one line.
    static func parse(_ line: ArraySlice<UInt8>) -> [Allow] {
        let text = String(decoding: line, as: UTF8.self)
        return text.components(separatedBy: "promptmcp:allow").dropFirst().compactMap { rest in
            let words = rest.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard let rule = words.first, rest.first == " " else { return nil }
            let reason = words.count > 1 ? String(words[1]) : ""
            return Allow(rule: String(rule), reason: trimCommentEnd(reason))
        }
    }

    /// Drops what closes a comment (`*/`, `-->`) and surrounding space from a reason.
    private static func trimCommentEnd(_ reason: String) -> String {
        var text = reason.trimmingCharacters(in: .whitespaces)
        for closer in ["*/", "-->", "#}", "%>"] where text.hasSuffix(closer) {
            text = String(text.dropLast(closer.count)).trimmingCharacters(in: .whitespaces)
        }
        return text
    }
}

import Foundation
