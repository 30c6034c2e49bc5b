import Foundation

/// What the caps and rate limits still allow since the last commit: the changes already made
/// (staged or not) counted against the limits of the policy given (an agent's tier, usually).
/// The MCP `promptmcp_budget` tool answers with it, and the agent hook quotes it when it blocks.
public struct SessionBudget: Sendable {
    /// A limit and how much of it is used; `limit` 0 means none.
    public struct Allowance: Sendable {
        public var limit: Int
        public var used: Int
        public var left: Int? { limit > 0 ? max(0, limit - used) : nil }

        public init(limit: Int, used: Int) {
            self.limit = limit
            self.used = used
        }
    }

    public struct PathBudget: Sendable {
        public var path: String
        public var protected: Bool
        public var lines: Allowance
        public var rateLimits: [RateBudget]
    }

    /// One `rate_limits` entry that covers the path: commits and lines in its window, the
    /// pending commit (what is changed now) included.
    public struct RateBudget: Sendable {
        public var paths: String
        public var windowSeconds: Int
        public var commits: Allowance?
        public var lines: Allowance?
    }

    public var files: Allowance
    public var lines: Allowance
    public var paths: [PathBudget]

    /// Measures the work tree against `policy` for `paths` (relative to the root).
    public static func measure(_ policy: Policy, in repository: Repository, paths: [String], author: String,
                               now: Int64 = Int64(Date().timeIntervalSince1970)) throws -> SessionBudget {
        let deltas = try ChangeSetReader(repository: repository).sessionDeltas(proposing: [])
        let counted = try FileLoader(repository: repository).load(deltas) { file in
            (path: file.path, added: file.addedLineCount, deleted: file.deletedLineCount)
        }
        let count = policy.caps.count.value
        let totalRule = MaxTotalLinesRule.description.id
        let totalSeverity = policy.rules[totalRule]?.severity?.value ?? MaxTotalLinesRule.description.defaultSeverity
        let capped = counted.filter { file in
            let settings = policy.settings(for: file.path)
            return !settings.excluded.value && settings.severity(of: totalRule, default: totalSeverity) != .off
        }
        let budget = SessionBudget(
            files: Allowance(limit: policy.caps.maxFiles.value, used: capped.count),
            lines: Allowance(limit: policy.caps.maxTotalLines.value, used: capped.reduce(0) { $0 + count.of(added: $1.added, deleted: $1.deleted) }),
            paths: [])
        let history = History(repository: repository)
        let head = repository.isHeadUnborn ? nil : try repository.resolveCommit("HEAD")
        return try paths.reduce(into: budget) { budget, path in
            let settings = policy.settings(for: path)
            let file = counted.first { $0.path == path }
            let used = file.map { settings.count.value.of(added: $0.added, deleted: $0.deleted) } ?? 0
            let rates = try policy.rateLimits.filter { $0.matches(path) }.map { limit in
                try rateBudget(limit, pending: counted.filter { limit.matches($0.path) }.map { $0.added + $0.deleted },
                               history: history, head: head, author: author, now: now)
            }
            budget.paths.append(PathBudget(path: path, protected: settings.protected.value,
                                           lines: Allowance(limit: settings.maxLinesPerFile.value, used: used), rateLimits: rates))
        }
    }

    private static func rateBudget(_ limit: RateLimit, pending: [Int], history: History, head: ObjectID?, author: String,
                                   now: Int64) throws -> RateBudget {
        let past = try head.map {
            try history.commits(from: $0, since: now - Int64(limit.windowSeconds.value), author: limit.per.value == .author ? author : nil,
                                countLines: limit.maxLines != nil, matches: limit.matches)
        } ?? []
        let commits = past.count + (pending.isEmpty ? 0 : 1)
        let lines = past.reduce(0) { $0 + $1.changedLines } + pending.reduce(0, +)
        return RateBudget(paths: limit.paths.map(\.pattern).joined(separator: ", "), windowSeconds: limit.windowSeconds.value,
                          commits: limit.maxCommits.map { Allowance(limit: $0.value, used: commits) },
                          lines: limit.maxLines.map { Allowance(limit: $0.value, used: lines) })
    }

    /// One line for people and agents: `budget since the last commit: 3 of 20 files, 120 of 800 lines; Sources/A.swift: 40 of 200 lines`.
    public var description: String {
        func text(_ allowance: Allowance, _ unit: String) -> String {
            allowance.limit > 0 ? "\(allowance.used) of \(allowance.limit) \(unit) (\(allowance.left ?? 0) left)" : "\(allowance.used) \(unit) (no limit)"
        }
        let perPath = paths.map { "\($0.path): \(text($0.lines, "lines"))" }
        return "budget since the last commit: " + ([text(files, "files"), text(lines, "lines")] + perPath).joined(separator: "; ")
    }
}
