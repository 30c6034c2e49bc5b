import Foundation
import PromptMCPKit

/// Learns lessons from the hook itself: when a staged check fails, its errors are kept aside;
/// when a later check passes without them, each error that went away becomes a lesson (its
/// rule, a path pattern for its file, and the fix the finding advised), or counts again when
/// the same lesson exists. The hook's passing path costs one `stat` of the pending file; the
/// store is opened only when there is something to learn.
public struct LessonLearning {
    private struct Pending: Codable {
        var rule: String
        var file: String?
        var hint: String?
    }

    let pendingPath: String
    let commonDirectory: String
    let workDirectory: String

    public init(repository: Repository) {
        commonDirectory = repository.commonDirectory
        workDirectory = repository.workDirectory
        pendingPath = (repository.commonDirectory.hasSuffix("/") ? repository.commonDirectory : repository.commonDirectory + "/")
            + "promptmcp/pending-findings.json"
    }

    /// Call after each pre-commit check; returns the lessons learned (usually none).
    @discardableResult
    public func observe(_ report: Report) throws -> [Lesson] {
        let errors = report.findings.filter { $0.severity == .error }
        if !errors.isEmpty {
            try remember(errors)
            return []
        }
        guard FileManager.default.fileExists(atPath: pendingPath) else { return [] }
        defer { try? FileManager.default.removeItem(atPath: pendingPath) }
        guard let data = FileManager.default.contents(atPath: pendingPath),
              let pending = try? JSONDecoder().decode([Pending].self, from: data), !pending.isEmpty else { return [] }
        let book = LessonBook(store: try Store.openState(commonGitDirectory: commonDirectory), workDirectory: workDirectory)
        // Titled by rule and path pattern, so the same mistake made again counts as a use of
        // one lesson rather than a new lesson per line count.
        return try pending.map { item in
            let title = "\(item.rule) in \(Lesson.pathPattern(for: item.file) ?? "the change as a whole")"
            return try book.record(from: Finding(rule: item.rule, severity: .error, file: item.file, message: title, hint: item.hint),
                                   fix: item.hint ?? "")
        }
    }

    private func remember(_ errors: [Finding]) throws {
        let pending = errors.map { Pending(rule: $0.rule, file: $0.file, hint: $0.hint) }
        try FileManager.default.createDirectory(atPath: (pendingPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try JSONEncoder().encode(pending).write(to: URL(fileURLWithPath: pendingPath), options: .atomic)
    }
}
