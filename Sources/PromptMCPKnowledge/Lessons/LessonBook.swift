import Foundation
import GRDB
import PromptMCPKit

/// Lessons of one clone: team lessons from `.promptmcp/lessons/`, local ones from the store,
/// with usage and confidence from the store for both.
public struct LessonBook: Sendable {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unknown(String)
        case ambiguous(String, [String])
        case alreadyTeam(String)

        public var description: String {
            switch self {
            case let .unknown(id): return "no lesson \(id) (see `promptmcp lessons list`)"
            case let .ambiguous(id, matches): return "\(id) names several lessons: \(matches.joined(separator: ", "))"
            case let .alreadyTeam(id): return "\(id) is already a team lesson"
            }
        }
    }

    let store: Store
    let workDirectory: String
    let clock: WallClock

    public init(store: Store, workDirectory: String, clock: WallClock = .system) {
        self.store = store
        self.workDirectory = workDirectory.hasSuffix("/") ? workDirectory : workDirectory + "/"
        self.clock = clock
    }

    var teamFolder: String { workDirectory + RepoDocsIndexer.lessonFolder }

    /// Adds a lesson, or (when the same title, rule and paths exist) counts it again.
    @discardableResult
    public func add(title: String, rule: String?, paths: String?, fix: String,
                    origin: Lesson.Origin = .manual, scope: Lesson.Scope = .local) throws -> Lesson {
        let id = Lesson.makeID(title: title, rule: rule, paths: paths)
        if try find(id) != nil {
            try adjust(id, used: true) { Confidence.recurred($0) }
            return try lesson(id)
        }
        let lesson = Lesson(id: id, title: title, rule: rule, paths: paths, fix: fix, origin: origin, scope: scope,
                            createdAt: clock.now(), confidence: origin == .finding ? Confidence.initialFromFinding : Confidence.initialManual)
        try store.write { db in
            if scope == .local { try Self.insertLocal(lesson, in: db) }
            try db.execute(sql: "INSERT OR REPLACE INTO lesson_stat (id, uses, helped, confidence, touched_at) VALUES (?, 0, 0, ?, ?)",
                           arguments: [id, lesson.confidence, clock.now().timeIntervalSince1970])
        }
        if scope == .team { try writeTeamFile(lesson) }
        return try self.lesson(id)
    }

    /// Records what a finding taught: its rule, a path pattern for its file, and the fix.
    @discardableResult
    public func record(from finding: Finding, fix: String, scope: Lesson.Scope = .local) throws -> Lesson {
        try add(title: finding.message, rule: finding.rule, paths: Lesson.pathPattern(for: finding.file),
                fix: fix.isEmpty ? (finding.hint ?? "") : fix, origin: .finding, scope: scope)
    }

    /// Every lesson, most trusted first.
    public func all() throws -> [Lesson] {
        var lessons = try teamLessons() + localLessons()
        let now = clock.now()
        let stats = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM lesson_stat").reduce(into: [String: Row]()) { $0[$1["id"]] = $1 }
        }
        for index in lessons.indices {
            guard let row = stats[lessons[index].id] else { continue }
            lessons[index].uses = row["uses"]
            lessons[index].helped = row["helped"]
            lessons[index].confidence = Confidence.decayed(row["confidence"], since: Date(timeIntervalSince1970: row["touched_at"]), now: now)
        }
        return lessons.sorted { ($0.confidence, $1.id) > ($1.confidence, $0.id) }
    }

    /// The lesson with this id, or the only one whose id starts with it.
    public func lesson(_ id: String) throws -> Lesson {
        let all = try all()
        if let exact = all.first(where: { $0.id.lowercased() == id.lowercased() }) { return exact }
        let matches = all.filter { $0.id.lowercased().hasPrefix(id.lowercased()) }
        guard let first = matches.first else { throw Failure.unknown(id) }
        guard matches.count == 1 else { throw Failure.ambiguous(id, matches.map(\.id)) }
        return first
    }

    /// Lessons that apply to a rule and/or a path, most trusted first (for findings and prompts).
    public func relevant(rule: String?, path: String?) throws -> [Lesson] {
        try all().filter { lesson in
            let ruleMatches = lesson.rule == nil || rule == nil || lesson.rule == rule
            let pathMatches = lesson.paths == nil || path == nil || ((try? Glob(lesson.paths!))?.matches(path!) ?? false)
            return ruleMatches && pathMatches && (lesson.rule != nil || lesson.paths != nil)
        }
    }

    /// A lesson was shown (list, search, a prompt): it is in use, so it stops decaying.
    public func markUsed(_ id: String) throws {
        try adjust(try lesson(id).id, used: true) { $0 }
    }

    /// Feedback: the lesson helped (confidence rises) or did not (it falls).
    public func markHelped(_ id: String, helped: Bool) throws {
        let id = try lesson(id).id
        try adjust(id, used: true, helped: helped) { helped ? Confidence.helped($0) : Confidence.notHelped($0) }
    }

    private func find(_ id: String) throws -> Lesson? {
        try all().first { $0.id == id }
    }

    private func adjust(_ id: String, used: Bool, helped: Bool = false, _ change: @escaping (Double) -> Double) throws {
        let now = clock.now()
        try store.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM lesson_stat WHERE id = ?", arguments: [id])
            let base: Double = row?["confidence"] ?? Confidence.initialManual
            let touched = Date(timeIntervalSince1970: row?["touched_at"] ?? now.timeIntervalSince1970)
            let updated = change(Confidence.decayed(base, since: touched, now: now))
            try db.execute(sql: """
                INSERT INTO lesson_stat (id, uses, helped, confidence, touched_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT(id) DO UPDATE SET uses = uses + ?2, helped = helped + ?3, confidence = ?4, touched_at = ?5
                """, arguments: [id, used ? 1 : 0, helped ? 1 : 0, updated, now.timeIntervalSince1970])
        }
    }
}
