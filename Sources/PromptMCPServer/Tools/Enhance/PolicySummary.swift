import PromptMCPKit

/// The policy in the few lines an agent needs before it writes a change: what applies to the
/// file in question (as `promptmcp explain` says it), then the limits on every change.
enum PolicySummary {
    static func lines(_ resolved: ResolvedPolicy, file: String?) -> [String] {
        let policy = resolved.policy
        var lines = ["policy: \(resolved.source) (promptmcp check enforces it at commit time; promptmcp_check judges a draft)"]
        if let file {
            // The change-wide caps follow below for every file; keep what is particular to this one.
            let general = ["max_files", "max_total_lines", "counts toward", "paths: entries"]
            lines += PolicyDescription.explain(file, resolved).split(separator: "\n").dropFirst()
                .map { $0.split(separator: " ").joined(separator: " ") }
                .filter { line in !general.contains { line.hasPrefix($0) } }
                .map { "\(file): " + $0 }
        }
        let caps = policy.caps
        lines.append("caps (\(caps.severity.value.rawValue)): at most \(limit(caps.maxFiles.value)) files and \(limit(caps.maxTotalLines.value)) "
                     + "\(caps.count.value.rawValue) lines per change, \(limit(caps.maxLinesPerFile.value)) per file")
        if !policy.protected.globs.isEmpty {
            lines.append("protected (never change): " + policy.protected.globs.map(\.value.pattern).joined(separator: ", "))
        }
        lines += messageLines(policy) + citationLines(policy)
        for limit in policy.rateLimits {
            let count = limit.maxCommits.map { "\($0.value) commits" } ?? limit.maxLines.map { "\($0.value) lines" } ?? "a limit"
            lines.append("rate limit: \(count) per \(limit.windowSeconds.value / 3600) h touching " + limit.paths.map(\.pattern).joined(separator: ", "))
        }
        lines.append("secrets: no keys, tokens or passwords in any change (rules secrets/*)")
        return lines
    }

    private static func messageLines(_ policy: Policy) -> [String] {
        var parts = ["subject at most \(policy.message.subjectMax.value) characters"]
        if let pattern = policy.message.pattern { parts.append("subject matching /\(pattern.value)/") }
        if let reference = policy.message.reference { parts.append("a reference matching /\(reference.value)/") }
        return ["commit message: " + parts.joined(separator: ", ")]
    }

    private static func citationLines(_ policy: Policy) -> [String] {
        guard let citations = policy.citations else { return [] }
        let paths = citations.paths.isEmpty ? "any file" : citations.paths.map(\.value.pattern).joined(separator: ", ")
        let keys = citations.trailers.value.map { "`\($0):`" }.joined(separator: " or ")
        return ["citations: changes adding \(max(citations.minAddedLines.value, 1))+ lines to \(paths) must cite their source in a \(keys) trailer"]
    }

    private static func limit(_ value: Int) -> String { value == 0 ? "unlimited" : String(value) }
}
