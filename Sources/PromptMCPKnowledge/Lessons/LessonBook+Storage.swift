import Foundation
import GRDB

extension LessonBook {
    /// Moves a local lesson into `.promptmcp/lessons/ID.md` (commit it to share it); returns
    /// the file's path relative to the work tree.
    @discardableResult
    public func promote(_ id: String) throws -> String {
        var lesson = try lesson(id)
        guard lesson.scope == .local else { throw Failure.alreadyTeam(lesson.id) }
        lesson.scope = .team
        try writeTeamFile(lesson)
        try store.write { db in try Self.deleteLocal(lesson.id, in: db) }
        return RepoDocsIndexer.lessonFolder + lesson.id + ".md"
    }

    /// Removes a lesson: a local one from the store, a team one by deleting its file (the
    /// deletion is then committed like any change). Its statistics go too.
    @discardableResult
    public func forget(_ id: String) throws -> Lesson {
        let lesson = try lesson(id)
        if lesson.scope == .team { try FileManager.default.removeItem(atPath: teamFolder + lesson.id + ".md") }
        try store.write { db in
            try Self.deleteLocal(lesson.id, in: db)
            try db.execute(sql: "DELETE FROM lesson_stat WHERE id = ?", arguments: [lesson.id])
        }
        if lesson.scope == .team { try RepoDocsIndexer(store: store, workDirectory: workDirectory).update() }
        return lesson
    }

    func writeTeamFile(_ lesson: Lesson) throws {
        try FileManager.default.createDirectory(atPath: teamFolder, withIntermediateDirectories: true)
        try Data(TeamLessonFile.render(lesson).utf8).write(to: URL(fileURLWithPath: teamFolder + lesson.id + ".md"), options: .atomic)
        try RepoDocsIndexer(store: store, workDirectory: workDirectory).update()
    }

    func teamLessons() throws -> [Lesson] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: teamFolder)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            FileManager.default.contents(atPath: teamFolder + name).flatMap { TeamLessonFile.parse(String(decoding: $0, as: UTF8.self)) }
        }
    }

    func localLessons() throws -> [Lesson] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM lesson ORDER BY created_at").map { row in
                Lesson(id: row["id"], title: row["title"], rule: row["rule"], paths: row["paths"], fix: row["fix"],
                       origin: Lesson.Origin(rawValue: row["origin"]) ?? .manual, scope: .local,
                       createdAt: Date(timeIntervalSince1970: row["created_at"]), confidence: Confidence.initialManual)
            }
        }
    }

    /// A local lesson and its search chunk, in the caller's transaction.
    static func insertLocal(_ lesson: Lesson, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO lesson (id, title, rule, paths, fix, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [lesson.id, lesson.title, lesson.rule, lesson.paths, lesson.fix, lesson.origin.rawValue,
                             lesson.createdAt.timeIntervalSince1970])
        try db.execute(sql: "DELETE FROM repo_chunk WHERE source = ?", arguments: ["lesson:" + lesson.id])
        try db.execute(sql: "INSERT INTO repo_chunk (source, kind, title, location, body) VALUES (?, 'lesson', ?, ?, ?)",
                       arguments: ["lesson:" + lesson.id, lesson.title, lesson.id, TeamLessonFile.searchableText(lesson)])
    }

    static func deleteLocal(_ id: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM lesson WHERE id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM repo_chunk WHERE source = ?", arguments: ["lesson:" + id])
    }
}
