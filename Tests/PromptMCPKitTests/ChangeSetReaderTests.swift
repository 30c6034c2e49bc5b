import Foundation
import XCTest
@testable import PromptMCPKit

/// The git layer against real repositories: what a staged change or a commit looks like once
/// read through libgit2 (statuses, paths, kinds, line counts, added lines).
final class ChangeSetReaderTests: XCTestCase {

    // MARK: - Statuses and line counts

    func testFirstCommitOnUnbornHeadStagesAdditions() throws {
        let repo = try GitRepo()
        try repo.stage("README.md", "# Title\n\nHello\n")
        try repo.stage("src/main.swift", "print(1)\nprint(2)")
        XCTAssertTrue(try repo.open().isHeadUnborn)

        let change = try repo.staged()
        XCTAssertNil(change.commit)
        XCTAssertEqual(change.files.map(\.path), ["README.md", "src/main.swift"])
        XCTAssertEqual(change.files.map(\.status), [.added, .added])
        let readme = try changed("README.md", in: change)
        XCTAssertEqual(readme.addedLineCount, 3)
        XCTAssertEqual(readme.deletedLineCount, 0)
        XCTAssertEqual(readme.addedRanges, [1...3])
        XCTAssertEqual(readme.addedLines, [line(1, "# Title"), line(2, ""), line(3, "Hello")])
        XCTAssertTrue(readme.oldID.isZero)
        XCTAssertEqual(readme.newID.hex, trimmed(try repo.git("rev-parse", ":README.md")))
        let main = try changed("src/main.swift", in: change)
        XCTAssertEqual(main.addedLines, [line(1, "print(1)"), line(2, "print(2)")], "a last line without a newline counts")
    }

    func testModifyAddAndDeleteInOneChange() throws {
        let repo = try GitRepo()
        try repo.stage("middle.txt", numbered(1...10))
        try repo.stage("gone.txt", numbered(1...4))
        try repo.commit()
        var lines = (1...10).map { "line \($0)" }
        lines[4] = "five changed"
        lines.insert("inserted", at: 7)
        try repo.stage("middle.txt", lines.joined(separator: "\n") + "\n")
        try repo.stage("new.txt", "one\ntwo\n")
        try repo.git("rm", "-q", "gone.txt")

        let change = try repo.staged()
        XCTAssertEqual(change.files.map(\.path), ["gone.txt", "middle.txt", "new.txt"])
        let middle = try changed("middle.txt", in: change)
        XCTAssertEqual(middle.status, .modified)
        XCTAssertEqual(middle.addedLineCount, 2)
        XCTAssertEqual(middle.deletedLineCount, 1)
        XCTAssertEqual(middle.addedRanges, [5...5, 8...8])
        XCTAssertEqual(middle.addedLines, [line(5, "five changed"), line(8, "inserted")])
        let gone = try changed("gone.txt", in: change)
        XCTAssertEqual(gone.status, .deleted)
        XCTAssertEqual([gone.addedLineCount, gone.deletedLineCount, gone.size], [0, 4, 0])
        XCTAssertTrue(gone.content.isEmpty)
        XCTAssertTrue(gone.newID.isZero)
        XCTAssertNil(gone.oldPath)
        let new = try changed("new.txt", in: change)
        XCTAssertEqual(new.status, .added)
        XCTAssertEqual([new.addedLineCount, new.deletedLineCount, new.size], [2, 0, 8])
    }

    func testRenameWithEditCountsOnlyTheEditedLines() throws {
        let repo = try GitRepo()
        try repo.stage("old name.txt", numbered(1...12))
        try repo.commit()
        try repo.git("mv", "old name.txt", "new name.txt")
        try repo.stage("new name.txt", numbered(1...12).replacingOccurrences(of: "line 3\n", with: "line three\n"))

        let change = try repo.staged()
        XCTAssertEqual(change.files.count, 1)
        let file = try changed("new name.txt", in: change)
        XCTAssertEqual(file.status, .renamed)
        XCTAssertEqual(file.oldPath, "old name.txt")
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [1, 1])
        XCTAssertEqual(file.addedLines, [line(3, "line three")])
    }

    func testPureRenameCountsNoLines() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", numbered(1...5))
        try repo.commit()
        try FileManager.default.createDirectory(atPath: repo.path + "/moved", withIntermediateDirectories: true)
        try repo.git("mv", "a.txt", "moved/b.txt")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .renamed)
        XCTAssertEqual(file.path, "moved/b.txt")
        XCTAssertEqual(file.oldPath, "a.txt")
        XCTAssertEqual(file.oldID, file.newID)
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [0, 0])
        XCTAssertEqual(file.addedRanges, [])
        XCTAssertEqual(file.size, numbered(1...5).utf8.count, "the content is still there for content rules")
    }

    /// Copies are detected only when exact (see `Delta.all`): an edited copy is judged as a new file.
    func testAnEditedCopyIsJudgedAsAnAddition() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", numbered(1...12))
        try repo.commit()
        try repo.stage("a.txt", numbered(1...13))
        try FileManager.default.copyItem(atPath: repo.path + "/a.txt", toPath: repo.path + "/b.txt")
        try repo.git("add", "b.txt")

        let change = try repo.staged()
        XCTAssertEqual(change.files.map(\.path), ["a.txt", "b.txt"])
        XCTAssertEqual(try changed("a.txt", in: change).status, .modified)
        let copy = try changed("b.txt", in: change)
        XCTAssertEqual(copy.status, .added)
        XCTAssertNil(copy.oldPath)
        XCTAssertEqual([copy.addedLineCount, copy.deletedLineCount], [13, 0], "every line of an edited copy is new")
    }

    /// libgit2 only looks for copy sources among files modified in the same change (as
    /// `git diff -C` does). A copy is still new content at a new path: every line is judged,
    /// so copying cannot slip lines past the caps or the content rules.
    func testExactCopyOfAModifiedFileIsDetectedAndAllItsLinesJudged() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", numbered(1...20))
        try repo.commit()
        try repo.stage("a.txt", numbered(1...21))
        try repo.stage("b.txt", numbered(1...20))

        let copy = try changed("b.txt", in: repo.staged())
        XCTAssertEqual(copy.status, .copied)
        XCTAssertEqual(copy.oldPath, "a.txt")
        XCTAssertEqual([copy.addedLineCount, copy.deletedLineCount], [20, 0])
        XCTAssertEqual(copy.addedRanges, [1...20])
    }

    func testCopyOfAnUnmodifiedFileIsAnAddition() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", numbered(1...12))
        try repo.commit()
        try FileManager.default.copyItem(atPath: repo.path + "/a.txt", toPath: repo.path + "/b.txt")
        try repo.git("add", "b.txt")

        let copy = try onlyFile(try repo.staged())
        XCTAssertEqual(copy.status, .added)
        XCTAssertNil(copy.oldPath)
        XCTAssertEqual(copy.addedLineCount, 12)
    }

    // MARK: - Partial staging: the index blob is judged, never the work tree

    func testPartialStagingJudgesTheStagedBlob() throws {
        let repo = try GitRepo()
        try repo.stage("notes.txt", "staged one\nstaged two\n")
        try repo.write("notes.txt", "work tree only\nsecret = hunter2\nmore\n")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.content, Array("staged one\nstaged two\n".utf8))
        XCTAssertEqual(file.addedLineCount, 2)
        XCTAssertEqual(file.addedLines, [line(1, "staged one"), line(2, "staged two")])
    }

    func testInteractivelyStagedHunkIsJudgedAndTheOtherIsNot() throws {
        let repo = try GitRepo()
        try repo.stage("long.txt", numbered(1...20))
        try repo.commit()
        var lines = (1...20).map { "line \($0)" }
        lines[1] = "first hunk"
        lines[17] = "second hunk"
        try repo.write("long.txt", lines.joined(separator: "\n") + "\n")
        try repo.git(["add", "-p"], input: "y\nn\n")

        let repository = try repo.open()
        let file = try onlyFile(try ChangeSetReader(repository: repository).staged())
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [1, 1])
        XCTAssertEqual(file.addedRanges, [2...2])
        XCTAssertEqual(file.addedLines, [line(2, "first hunk")])
        XCTAssertEqual(file.content, try repository.stagedContent(of: "long.txt"))
        XCTAssertFalse(String(decoding: file.content, as: UTF8.self).contains("second hunk"))
    }

    /// `git add -N` records an intent to add, which `git commit` leaves out of the commit.
    func testIntentToAddIsNotPartOfTheStagedChange() throws {
        let repo = try GitRepo()
        try repo.stage("tracked.txt", numbered(1...2))
        try repo.commit()
        try repo.write("later.txt", "not staged yet\n")
        try repo.git("add", "-N", "later.txt")
        try repo.stage("real.txt", "staged\n")

        XCTAssertEqual(try repo.staged().files.map(\.path), ["real.txt"])
        XCTAssertEqual(trimmed(try repo.git("diff", "--cached", "--name-only")), "real.txt", "as git sees it")
    }

    func testIntentToAddOverATrackedFileIsItsDeletion() throws {
        let repo = try GitRepo()
        try repo.stage("tracked.txt", numbered(1...2))
        try repo.commit()
        try repo.git("rm", "-q", "--cached", "tracked.txt")
        try repo.git("add", "-N", "tracked.txt")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .deleted)
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [0, 2])
        XCTAssertEqual(trimmed(try repo.git("diff", "--cached", "--name-status")), "D\ttracked.txt", "as git sees it")
    }

    /// git refuses to commit with unmerged entries, so there is nothing to judge in them yet;
    /// what is already resolved is staged as usual.
    func testUnresolvedConflictIsLeftOutAndTheRestIsRead() throws {
        let repo = try GitRepo()
        try repo.stage("clash.txt", "base\n")
        try repo.commit()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.stage("clash.txt", "feature\n")
        try repo.stage("clean.txt", "clean\n")
        try repo.commit()
        try repo.git("checkout", "-q", "main")
        try repo.stage("clash.txt", "main\n")
        try repo.commit()
        XCTAssertThrowsError(try repo.git("merge", "-q", "feature"), "the merge must stop on the conflict")

        let change = try repo.staged()
        XCTAssertEqual(change.files.map(\.path), ["clean.txt"])
        XCTAssertEqual(change.files.map(\.status), [.added])
    }
}

// MARK: - Helpers

extension ChangeSetReaderTests {
    func line(_ number: Int, _ text: String) -> AddedLine { AddedLine(number: number, text: text) }

    /// "line 1\nline 2\n..." for the given line numbers.
    func numbered(_ lines: ClosedRange<Int>) -> String {
        lines.map { "line \($0)\n" }.joined()
    }

    func name(_ index: Int) -> String { String(format: "file-%03d.txt", index) }

    /// The only file of a change; fails the test when there are none or several.
    func onlyFile(_ change: LoadedChange, file: StaticString = #filePath, line: UInt = #line) throws -> FileChange {
        XCTAssertEqual(change.files.count, 1, "files: \(change.files.map(\.path))", file: file, line: line)
        return try XCTUnwrap(change.files.first, file: file, line: line)
    }

    /// The file of a change at `path`; fails the test when there is none.
    func changed(_ path: String, in change: LoadedChange, file: StaticString = #filePath, line: UInt = #line) throws -> FileChange {
        try XCTUnwrap(change.files.first { $0.path == path }, "no \(path) in \(change.files.map(\.path))", file: file, line: line)
    }

    func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}
