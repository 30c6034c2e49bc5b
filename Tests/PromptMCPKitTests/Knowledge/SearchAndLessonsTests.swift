import Foundation
import XCTest
@testable import PromptMCPKit
@testable import PromptMCPKnowledge

/// The local search over repository docs, lessons and cached docs; and the lessons themselves.
final class SearchAndLessonsTests: XCTestCase {
    func testRepositoryDocsAreIndexedIncrementallyByBlobID() throws {
        let repo = try GitRepo()
        try repo.write("README.md", "# Demo\n\nRun the migrations before the server.\n")
        try repo.write("docs/adr/0001-wal.md", "# Use WAL\n\nWrite-ahead logging lets readers run beside a writer.\n")
        try repo.write("Sources/main.swift", "// migrations are not docs\n")
        let (state, indexer) = try openIndex(repo)
        XCTAssertEqual(try indexer.update(), .init(indexed: 2, unchanged: 0, removed: 0))
        XCTAssertEqual(try indexer.update(), .init(indexed: 0, unchanged: 2, removed: 0))
        // Same content, new mtime: re-read, but the blob id is unchanged, so not re-indexed.
        try repo.write("README.md", "# Demo\n\nRun the migrations before the server.\n")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: repo.path + "/README.md")
        XCTAssertEqual(try indexer.update(), .init(indexed: 0, unchanged: 2, removed: 0))
        try repo.write("README.md", "# Demo\n\nStart the server; it migrates by itself.\n")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 120)], ofItemAtPath: repo.path + "/README.md")
        try FileManager.default.removeItem(atPath: repo.path + "/docs/adr/0001-wal.md")
        XCTAssertEqual(try indexer.update(), .init(indexed: 1, unchanged: 0, removed: 1))
        let search = KnowledgeSearch(state: state, docs: nil)
        XCTAssertEqual(try search.search("migrates").map(\.location), ["README.md#demo"])
        XCTAssertEqual(try search.search("write-ahead readers"), [])
        XCTAssertEqual(try repo.git("hash-object", "README.md").trimmingCharacters(in: .whitespacesAndNewlines),
                       BlobID.of(Array("# Demo\n\nStart the server; it migrates by itself.\n".utf8)))
    }

    func testSearchMergesRepositoryDocsLessonsAndCachedDocsByRank() throws {
        let repo = try GitRepo()
        try repo.write("AGENTS.md", "# Agents\n\nNever edit generated files; regenerate them with make.\n")
        let (state, indexer) = try openIndex(repo)
        let book = LessonBook(store: state, workDirectory: repo.path)
        try book.add(title: "Generated files are rebuilt by make", rule: "protected-paths", paths: "Generated/**", fix: "Run make generate.")
        try indexer.update()
        let folder = try TemporaryFolder()
        try folder.write("lib/gen.md", "# Code generation\n\nThe generator writes generated files under Generated/.\n")
        let docs = try Store.openCache(environment: ["PROMPTMCP_CACHE_DIR": folder.path])
        _ = try MarkdownImporter(service: DocsService(store: docs, client: nil, settings: DocsSettings()))
            .importFolder(folder.path + "/lib", as: LibraryID("/acme/gen")!)
        let hits = try KnowledgeSearch(state: state, docs: docs).search("generated files")
        XCTAssertEqual(Set(hits.map(\.source)), [.repository, .lesson, .docs])
        XCTAssertEqual(hits.map(\.rank), hits.map(\.rank).sorted())
        XCTAssertNotNil(hits.first { $0.source == .lesson }?.lessonID)
        XCTAssertEqual(try KnowledgeSearch(state: state, docs: docs).search("\"AND OR NEAR( * -"), [], "operators are words, not syntax")
    }

    func testLessonsGainConfidenceWhenTheyHelpAndDecayWhenUnused() throws {
        let repo = try GitRepo()
        let clock = TestClock()
        let (state, _) = try openIndex(repo)
        let book = LessonBook(store: state, workDirectory: repo.path, clock: clock.wallClock)
        let finding = Finding(rule: "secrets.aws-access-key", severity: .error, file: "config/prod.yml", line: 3,
                              message: "AWS access key in a config file", hint: "Read it from the environment.")
        let lesson = try book.record(from: finding, fix: "")
        XCTAssertEqual(lesson.paths, "config/*.yml")
        XCTAssertEqual(lesson.fix, "Read it from the environment.")
        XCTAssertEqual(lesson.confidence, 0.4, accuracy: 1e-9)
        try book.markHelped(lesson.id, helped: true)
        XCTAssertEqual(try book.lesson(lesson.id).confidence, 0.58, accuracy: 1e-9)
        XCTAssertEqual(try book.record(from: finding, fix: "").uses, 2, "recorded again: the same lesson, used again")
        let before = try book.lesson(lesson.id).confidence
        clock.advance(60 * 86400)
        XCTAssertEqual(try book.lesson(lesson.id).confidence, before / 2, accuracy: 1e-9, "halves in 60 unused days")
        XCTAssertEqual(try book.relevant(rule: "secrets.aws-access-key", path: "config/dev.yml").map(\.id), [lesson.id])
        XCTAssertEqual(try book.relevant(rule: "secrets.aws-access-key", path: "src/app.swift"), [])
    }

    func testPromotingWritesATeamFileThatGitSharesAndForgettingRemovesIt() throws {
        let repo = try GitRepo()
        let (state, indexer) = try openIndex(repo)
        let book = LessonBook(store: state, workDirectory: repo.path)
        let lesson = try book.add(title: "Bump the \"schema\" version: always", rule: nil, paths: "db/**", fix: "See docs/db.md.")
        XCTAssertThrowsError(try book.lesson("X")) { XCTAssertEqual($0 as? LessonBook.Failure, .unknown("X")) }
        let path = try book.promote(String(lesson.id.prefix(5)))
        let text = try String(contentsOfFile: repo.path + "/" + path, encoding: .utf8)
        XCTAssertEqual(TeamLessonFile.parse(text)?.title, lesson.title, "quotes survive the YAML round trip")
        let team = try book.lesson(lesson.id)
        XCTAssertEqual(team.scope, .team)
        XCTAssertThrowsError(try book.promote(lesson.id)) { XCTAssertEqual($0 as? LessonBook.Failure, .alreadyTeam(lesson.id)) }
        try indexer.update()
        XCTAssertEqual(try KnowledgeSearch(state: state, docs: nil).search("schema version").first?.lessonID, lesson.id)
        try book.forget(lesson.id)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path + "/" + path))
        XCTAssertEqual(try book.all(), [])
        XCTAssertEqual(try KnowledgeSearch(state: state, docs: nil).search("schema version"), [])
    }

    func testMarkdownIsChunkedAtHeadingsButNotInsideCodeFences() {
        let chunks = MarkdownChunker.chunks("intro\n# Guide\ntext\n```\n# comment\n```\n## Setup Steps\nmore\n", fallbackTitle: "f.md")
        XCTAssertEqual(chunks.map(\.title), ["f.md", "Guide", "Guide › Setup Steps"])
        XCTAssertEqual(chunks.map(\.anchor), ["", "#guide", "#setup-steps"])
        XCTAssertTrue(chunks[1].body.contains("# comment"))
    }

    private func openIndex(_ repo: GitRepo) throws -> (Store, RepoDocsIndexer) {
        let repository = try repo.open()
        let state = try Store.openState(commonGitDirectory: repository.commonDirectory)
        return (state, RepoDocsIndexer(store: state, workDirectory: repository.workDirectory))
    }
}
