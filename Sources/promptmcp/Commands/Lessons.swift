import ArgumentParser
import Foundation
import PromptMCPKit
import PromptMCPKnowledge

struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What past findings taught: rule, paths and how it was fixed.",
        discussion: """
        Team lessons are files in .promptmcp/lessons/ (commit them: git shares them); local ones \
        stay in this clone. Each has usage counts and a confidence that rises when it helps and \
        decays when unused. `promptmcp search` finds lessons together with the docs.
        """,
        subcommands: [Add.self, List.self, Show.self, Promote.self, Forget.self, Helped.self]
    )

    /// The lesson book of the repository around the current directory.
    static func book() throws -> LessonBook {
        let repository = try Repository.current()
        return LessonBook(store: try KnowledgeOutput.stateStore(commonGitDirectory: repository.commonDirectory),
                          workDirectory: repository.workDirectory)
    }

    /// Unknown or ambiguous ids are the caller's mistake: exit 2 with the message.
    static func resolving<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure as LessonBook.Failure { throw UsageError(failure.description) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write down a lesson.")

        @Argument(help: "The lesson in one line, e.g. \"Keep AWS keys out of config files\".")
        var title: String

        @Option(help: "How it was fixed, or what to do.")
        var fix = ""

        @Option(help: "The rule id it is about.")
        var rule: String?

        @Option(help: "A glob of the paths it applies to, e.g. 'config/*.yml'.")
        var paths: String?

        @Flag(help: "Write it to .promptmcp/lessons/ for the team instead of keeping it in this clone.")
        var team = false

        func validate() throws {
            guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("The title cannot be empty.") }
            if let paths { do { _ = try Glob(paths) } catch { throw ValidationError("--paths \(paths): \(error)") } }
        }

        func run() throws {
            let lesson = try Lessons.book().add(title: title, rule: rule, paths: paths, fix: fix, scope: team ? .team : .local)
            Terminal.out("\(lesson.id) \(lesson.scope.rawValue): \(lesson.title)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List lessons, most trusted first.")

        @Option(help: "Output format: text or json.")
        var format: KnowledgeFormat = .text

        func run() throws {
            let lessons = try Lessons.book().all()
            if format == .json { return Terminal.out(KnowledgeOutput.json(lessons)) }
            guard !lessons.isEmpty else { return Terminal.out("no lessons yet (`promptmcp lessons add`)\n") }
            for lesson in lessons {
                let scope = lesson.scope.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)
                Terminal.out("\(lesson.id)  \(scope)  \(String(format: "%.2f", lesson.confidence))  used \(lesson.uses)  \(lesson.title)\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one lesson (an id or its unique prefix).")

        @Argument var id: String

        @Option(help: "Output format: text or json.")
        var format: KnowledgeFormat = .text

        func run() throws {
            let book = try Lessons.book()
            let lesson = try Lessons.resolving { try book.lesson(id) }
            try book.markUsed(lesson.id)
            if format == .json { return Terminal.out(KnowledgeOutput.json(lesson)) }
            var lines = ["\(lesson.id) (\(lesson.scope.rawValue), from \(lesson.origin.rawValue)): \(lesson.title)"]
            if let rule = lesson.rule { lines.append("rule:       \(rule)") }
            if let paths = lesson.paths { lines.append("paths:      \(paths)") }
            lines.append("confidence: \(String(format: "%.2f", lesson.confidence)), used \(lesson.uses), helped \(lesson.helped)")
            if !lesson.fix.isEmpty { lines.append("\n\(lesson.fix)") }
            Terminal.out(lines.joined(separator: "\n") + "\n")
        }
    }

    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a local lesson a team lesson (a file to commit).")

        @Argument var id: String

        func run() throws {
            let book = try Lessons.book()
            let path = try Lessons.resolving { try book.promote(id) }
            Terminal.out("wrote \(path); commit it to share the lesson\n")
        }
    }

    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a lesson (a team lesson's file is deleted: commit that).")

        @Argument var id: String

        func run() throws {
            let book = try Lessons.book()
            let lesson = try Lessons.resolving { try book.forget(id) }
            Terminal.out("forgot \(lesson.id): \(lesson.title)\n")
        }
    }

    struct Helped: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tell whether a lesson helped: its confidence rises (or falls with --not).")

        @Argument var id: String

        @Flag(name: .customLong("not"), help: "It did not help.")
        var notHelped = false

        func run() throws {
            let book = try Lessons.book()
            try Lessons.resolving { try book.markHelped(id, helped: !notHelped) }
            let lesson = try book.lesson(id)
            Terminal.out("\(lesson.id) confidence \(String(format: "%.2f", lesson.confidence))\n")
        }
    }
}
