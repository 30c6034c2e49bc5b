import Foundation
import PromptMCPKit

/// The offline knowledge as a check session uses it, for the command line and the MCP server
/// alike: the user's documentation cache for `citations.verify: cache`, and lessons learned by
/// the pre-commit hook (docs/knowledge.md).
public struct OfflineKnowledge: CheckKnowledge {
    /// Where the documentation cache is looked for (`XDG_CACHE_HOME`, `PROMPTMCP_CACHE_DIR`).
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func citationCache() -> (any CitationCache)? {
        try? KnowledgeCache.openIfPresent(environment: environment)
    }

    /// Errors that a later passing check fixed become lessons, except on CI
    /// (`LessonLearning.learns(in:)`).
    public func learn(from report: Report, in repository: Repository) -> [String] {
        guard LessonLearning.learns(in: environment) else { return [] }
        do {
            return try LessonLearning(repository: repository).observe(report).map { lesson in
                Report.lessonNote + "\(lesson.title) (promptmcp lessons show \(lesson.id.prefix(8)))"
            }
        } catch {
            return [Report.lessonFailureNote + "\(error)"]
        }
    }
}

extension KnowledgeCache: CitationCache {}
