import Foundation

/// Too many commits (or lines) touching a path within a window, counted from git history itself,
/// so every clone and CI runner agrees without a server. The change being judged counts too.
public struct RateLimitRule: ChangeRule {
    public static let description = RuleDescription(
        id: "rate-limits/exceeded",
        summary: "A rate_limits entry is exceeded: more than max_commits commits (or max_lines changed lines) touching its paths within its window, per author or for everyone, the change being judged included.",
        defaultSeverity: .error, policyKey: "rate_limits", judgesTheChange: true
    )

    public init(_ configuration: RuleConfiguration) {}

    public func check(_ change: ChangeSummary, _ context: ChangeContext) -> [Finding] {
        guard let history = context.history else { return [] }
        return context.policy.rateLimits.compactMap { limit in
            let touched = change.files.filter { limit.matches($0.path) }
            guard !touched.isEmpty, limit.severity.value != .off else { return nil }
            return (try? judge(limit, touched, history, context)) ?? nil
        }
    }

    private func judge(_ limit: RateLimit, _ touched: [ChangeSummary.File], _ history: History, _ context: ChangeContext) throws -> Finding? {
        let since = context.now - Int64(limit.windowSeconds.value)
        let author = limit.per.value == .author ? context.author : nil
        // In CI the commit itself is in history; a staged change is not yet, so it is added.
        let tip = context.commit?.id ?? context.historyTip
        var past = try tip.map {
            try history.commits(from: $0, since: since, author: author, countLines: limit.maxLines != nil, matches: limit.matches)
        } ?? []
        if context.commit == nil {
            let lines = touched.reduce(0) { $0 + $1.addedLineCount + $1.deletedLineCount }
            past.insert(History.Entry(id: .zero, time: context.now, authorEmail: context.author, changedLines: lines), at: 0)
        }
        let commits = past.count
        let lines = past.reduce(0) { $0 + $1.changedLines }
        let overCommits = limit.maxCommits.map { commits > $0.value } ?? false
        let overLines = limit.maxLines.map { lines > $0.value } ?? false
        guard overCommits || overLines else { return nil }
        let oldest = past.map(\.time).min() ?? context.now
        let what = overCommits ? "\(commits) commits (limit \(limit.maxCommits!.value))" : "\(lines) changed lines (limit \(limit.maxLines!.value))"
        let who = author.map { " by \($0)" } ?? ""
        let globs = limit.paths.map(\.pattern).joined(separator: ", ")
        var finding = context.finding(
            "\(what)\(who) touching \(globs) within \(Self.duration(limit.windowSeconds.value)); the window frees up at \(Self.time(oldest + Int64(limit.windowSeconds.value)))",
            file: touched.first?.path,
            hint: "wait for the window to free up, or ask for the limit set at \(limit.location.map { "\($0.file):\($0.line)" } ?? "rate_limits") to change",
            fingerprintText: globs)
        finding.severity = limit.severity.value
        return finding
    }

    static func duration(_ seconds: Int) -> String {
        if seconds % 86_400 == 0, seconds > 86_400 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    static func time(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
