import Foundation
import PromptMCPKit

/// Learns lessons from the hook itself, only from mistakes that were fixed (docs/knowledge.md):
/// when a staged check fails, its errors are kept aside with the offending line's text; when a
/// later check passes and its change touches the file and no longer holds that line (or, for a
/// finding about the whole change, simply passes), the error becomes a lesson, once. An error
/// whose file merely left the change (unstaged) stays pending. The hook's passing path costs one
/// `stat` of the pending file; the store is opened only when there is something to learn.
public struct LessonLearning {
    struct Pending: Codable, Equatable {
        var rule: String
        var file: String?
        var hint: String?
        /// The offending line, trimmed; nil for a finding about a whole file or the change.
        var text: String?
    }

    /// At most this many errors wait for their fix: the oldest are forgotten first.
    static let pendingLimit = 100

    let pendingPath: String
    let repository: Repository

    public init(repository: Repository) {
        self.repository = repository
        pendingPath = (repository.commonDirectory.hasSuffix("/") ? repository.commonDirectory : repository.commonDirectory + "/")
            + "promptmcp/pending-findings.json"
    }

    /// Whether lessons are learned in this environment: not on CI (`CI`, `GITHUB_ACTIONS`, ...
    /// set), where every run starts from a fresh clone and nobody reads the notes, unless
    /// `PROMPTMCP_LEARN_LESSONS=1` asks for it; `PROMPTMCP_LEARN_LESSONS=0` switches it off anywhere.
    public static func learns(in environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let asked = environment["PROMPTMCP_LEARN_LESSONS"] { return ["1", "true", "yes"].contains(asked.lowercased()) }
        let ciVariables = ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "JENKINS_URL", "TF_BUILD"]
        return !ciVariables.contains { name in environment[name].map { !$0.isEmpty && $0.lowercased() != "false" } ?? false }
    }

    /// Call after each pre-commit check of a staged change (never a commit range); returns the
    /// lessons learned for the first time (usually none). A mistake fixed again counts as a use
    /// of its lesson without a note.
    @discardableResult
    public func observe(_ report: Report) throws -> [Lesson] {
        let errors = report.findings.filter { $0.severity == .error }
        if !errors.isEmpty {
            try save(readPending() + errors.map(pending))
            return []
        }
        guard FileManager.default.fileExists(atPath: pendingPath) else { return [] }
        let waiting = readPending()
        let fixed = waiting.filter { isFixed($0, by: report) }
        try save(waiting.filter { !fixed.contains($0) })
        guard !fixed.isEmpty else { return [] }
        return try learn(from: fixed)
    }

    private func learn(from fixed: [Pending]) throws -> [Lesson] {
        let book = LessonBook(store: try Store.openState(commonGitDirectory: repository.commonDirectory),
                              workDirectory: repository.workDirectory)
        let known = Set(try book.all().map(\.id))
        var learned: [Lesson] = []
        // Titled by rule and path pattern, so the same mistake made again counts as a use of
        // one lesson rather than a new lesson per line.
        var titles = Set<String>()
        for item in fixed {
            let title = "\(item.rule) in \(Lesson.pathPattern(for: item.file) ?? "the change as a whole")"
            guard titles.insert(title).inserted else { continue }
            let lesson = try book.record(from: Finding(rule: item.rule, severity: .error, file: item.file, message: title, hint: item.hint),
                                         fix: item.hint ?? "")
            if !known.contains(lesson.id) { learned.append(lesson) }
        }
        return learned
    }

    /// A finding about the whole change is fixed by a passing change; one about a file, when the
    /// passing change touches the file and the offending line is gone from its staged content.
    func isFixed(_ item: Pending, by report: Report) -> Bool {
        guard let file = item.file else { return true }
        guard report.changedPaths.contains(file) else { return false }
        guard let text = item.text else { return true }
        guard let content = try? repository.stagedContent(of: file) else { return true }
        return !content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .contains { Self.trimmed($0) == text }
    }

    private func pending(_ finding: Finding) -> Pending {
        var text: String?
        if let file = finding.file, let line = finding.line, let content = try? repository.stagedContent(of: file) {
            let lines = content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if line <= lines.count { text = Self.trimmed(lines[line - 1]) }
        }
        return Pending(rule: finding.rule, file: finding.file, hint: finding.hint, text: text)
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func readPending() -> [Pending] {
        guard let data = FileManager.default.contents(atPath: pendingPath) else { return [] }
        return (try? JSONDecoder().decode([Pending].self, from: data)) ?? []
    }

    /// Writes the waiting errors (each once, newest kept), or removes the file when none waits.
    private func save(_ items: [Pending]) throws {
        var unique: [Pending] = []
        for item in items.reversed() where !unique.contains(item) { unique.append(item) }
        let kept = Array(unique.prefix(Self.pendingLimit).reversed())
        guard !kept.isEmpty else {
            try? FileManager.default.removeItem(atPath: pendingPath)
            return
        }
        try FileManager.default.createDirectory(atPath: (pendingPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try JSONEncoder().encode(kept).write(to: URL(fileURLWithPath: pendingPath), options: .atomic)
    }
}
