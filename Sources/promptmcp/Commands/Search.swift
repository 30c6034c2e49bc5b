import ArgumentParser
import Foundation
import PromptMCPKit
import PromptMCPKnowledge

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the repository's docs, its lessons and the cached library docs, offline.",
        discussion: """
        The repository's README, docs/, ADRs, AGENTS.md and .promptmcp/lessons/ are indexed on \
        the fly (only files whose content changed), together with local lessons and everything \
        in the documentation cache (`promptmcp docs`). Results are ranked by BM25; no network is \
        used.
        """)

    @Argument(parsing: .remaining, help: "What to look for.")
    var words: [String]

    @Option(help: "Show at most this many results.")
    var limit = 10

    @Option(help: "Output format: text or json.")
    var format: KnowledgeFormat = .text

    @Flag(help: .hidden)
    var timings = false

    func validate() throws {
        guard !words.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("Give something to search for.") }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        // Outside a repository only the documentation cache is searched.
        let repository = try? Repository.current()
        let state = try repository.map { try KnowledgeOutput.stateStore(commonGitDirectory: $0.commonDirectory) }
        if let state, let repository {
            try KnowledgeOutput.timed(timings, "index update") {
                try RepoDocsIndexer(store: state, workDirectory: repository.workDirectory).update()
            }
        }
        let cachePath = StorePaths.cacheDatabase()
        let docs = FileManager.default.fileExists(atPath: cachePath) ? try Store.openCache() : nil
        KnowledgeOutput.noteRecovery(docs)
        let query = words.joined(separator: " ")
        let hits = try KnowledgeOutput.timed(timings, "search") {
            try KnowledgeSearch(state: state, docs: docs).search(query, limit: limit)
        }
        if let state, let repository {
            let book = LessonBook(store: state, workDirectory: repository.workDirectory)
            // A lesson that comes up in a search is in use: it stops decaying.
            for id in hits.compactMap(\.lessonID) { try? book.markUsed(id) }
        }
        if format == .json {
            Terminal.out(KnowledgeOutput.json(hits))
        } else {
            Terminal.out(hits.isEmpty ? "no results for \"\(query)\"\n" : hits.map(KnowledgeOutput.text).joined(separator: "\n"))
        }
    }
}
