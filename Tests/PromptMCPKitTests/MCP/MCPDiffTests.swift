import Foundation
import XCTest
@testable import PromptMCPKit
@testable import PromptMCPServer

/// Unified diffs, as `git diff` prints them, applied in memory to the index version of files.
final class MCPDiffTests: XCTestCase {
    private func apply(_ diff: String, in repo: GitRepo) throws -> [ProposedEdit] {
        try DiffApplication(repository: try repo.open(), paths: PathConfinement(workDirectory: repo.path + "/")).edits(from: diff)
    }

    private func failure(_ diff: String, in repo: GitRepo) -> String {
        do {
            _ = try apply(diff, in: repo)
            XCTFail("the diff applied")
        } catch {
            return "\(error)"
        }
        return ""
    }

    private func text(_ edit: ProposedEdit) -> String? { edit.content.map { String(decoding: $0, as: UTF8.self) } }

    /// A repository whose index holds a ten-line file, a file without a final newline and a CRLF file.
    private func repository() throws -> GitRepo {
        let repo = try GitRepo()
        try repo.stage("a.txt", (1...10).map { "line \($0)\n" }.joined())
        try repo.stage("tail.txt", "one\ntwo")
        try repo.stage("dos.txt", "a\r\nb\r\n")
        try repo.commit()
        return repo
    }

    /// What `git diff` itself prints for edits made in the work tree: the parser reads git's
    /// real output (several hunks, new, deleted and renamed files).
    func testGitsOwnDiffOutputAppliesToTheIndex() throws {
        let repo = try repository()
        try repo.write("a.txt", (1...10).map { $0 == 2 ? "second\n" : $0 == 9 ? "ninth\n" : "line \($0)\n" }.joined() + "line 11\n")
        try repo.write("new file.txt", "fresh\n")
        try repo.git("add", "-N", "new file.txt")
        try repo.git("rm", "-q", "--cached", "tail.txt")
        try FileManager.default.removeItem(at: repo.root.appendingPathComponent("tail.txt"))
        try repo.git("mv", "dos.txt", "moved.txt")
        let diff = try repo.git("diff", "-M", "HEAD")
        try repo.git("reset", "-q")
        let edits = try apply(diff, in: repo)
        let byPath = Dictionary(uniqueKeysWithValues: edits.map { ($0.path, $0) })
        XCTAssertEqual(text(byPath["a.txt"]!), try String(contentsOf: repo.root.appendingPathComponent("a.txt"), encoding: .utf8))
        XCTAssertEqual(text(byPath["new file.txt"]!), "fresh\n")
        XCTAssertNil(byPath["tail.txt"]!.content, "deleted")
        XCTAssertNil(byPath["dos.txt"], "a rename is one edit, of its new path")
        XCTAssertEqual(byPath["moved.txt"]?.renamedFrom, "dos.txt")
        XCTAssertEqual(text(byPath["moved.txt"]!), "a\r\nb\r\n", "a pure rename carries the old content")
    }

    func testAHunkThatMovedIsFoundNearby() throws {
        let repo = try repository()
        let edits = try apply("""
            --- a/a.txt
            +++ b/a.txt
            @@ -2,2 +2,2 @@
             line 5
            -line 6
            +six

            """, in: repo)
        XCTAssertEqual(text(edits[0]), (1...10).map { $0 == 6 ? "six\n" : "line \($0)\n" }.joined())
    }

    func testANewlineAddedAtTheEndAndCRLFLinesAreKept() throws {
        let repo = try repository()
        let tail = try apply("--- a/tail.txt\n+++ b/tail.txt\n@@ -1,2 +1,3 @@\n one\n-two\n\\ No newline at end of file\n+two\n+three\n", in: repo)
        XCTAssertEqual(text(tail[0]), "one\ntwo\nthree\n")
        let dos = try apply("--- a/dos.txt\n+++ b/dos.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n", in: repo)
        XCTAssertEqual(text(dos[0]), "a\r\nc\r\n")
    }

    func testADiffThatDoesNotApplyNamesTheFileAndTheHunk() throws {
        let repo = try repository()
        let message = failure("""
            diff --git a/a.txt b/a.txt
            --- a/a.txt
            +++ b/a.txt
            @@ -1,2 +1,2 @@
             line 1
            -line 2
            +two
            @@ -8,2 +8,2 @@
             line 8
            -line nine
            +nine

            """, in: repo)
        XCTAssertTrue(message.hasPrefix("the diff does not apply to a.txt: hunk 2 (@@ -8,2 +8,2 @@) does not match the index version: line 9 is 'line 9' in the index, the hunk expects 'line nine'"), message)
    }

    func testMalformedDiffsAreInvalidInput() throws {
        let repo = try repository()
        XCTAssertTrue(failure("hello\n", in: repo).contains("no file changes found"))
        XCTAssertTrue(failure("--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n line 1\n", in: repo).contains("has a wrong line count"))
        XCTAssertTrue(failure("@@ -1 +1 @@\n-a\n+b\n", in: repo).contains("before any file header"))
        XCTAssertTrue(failure("--- a/../x\n+++ b/../x\n@@ -1 +1 @@\n-a\n+b\n", in: repo).contains("climbs out of the repository"))
        XCTAssertTrue(failure("--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@\n+x\n", in: repo).contains("already in the index"))
        XCTAssertTrue(failure("--- a/none.txt\n+++ b/none.txt\n@@ -1 +1 @@\n-a\n+b\n", in: repo).contains("none.txt is not in the index"))
        XCTAssertTrue(failure("diff --git a/b.bin b/b.bin\nBinary files a/b.bin and b/b.bin differ\n", in: repo).contains("binary"))
    }

    func testQuotedPathsAndHunkHeadersAreRead() {
        XCTAssertEqual(DiffPaths.unquote(#""a/caf\303\251 \"x\".txt""#), "a/café \"x\".txt")
        XCTAssertTrue(DiffPaths.hunkNumbers("@@ -12 +12,7 @@ func f()")! == (12, 1, 12, 7))
        XCTAssertNil(DiffPaths.hunkNumbers("@@ -a,1 +1 @@"))
        let (old, new) = DiffPaths.fromGitHeader("a/x y.txt b/x y.txt")
        XCTAssertEqual(old, "x y.txt")
        XCTAssertEqual(new, "x y.txt")
    }
}

extension MCPDiffTests {
    func testARenamedFileOverMCPCountsAsARenameAsInTheHook() throws {
        let repo = try GitRepo()
        try repo.stage("big.txt", (1...1000).map { "row \($0)\n" }.joined())
        try repo.commit()
        try repo.git("mv", "big.txt", "moved.txt")
        try repo.write("moved.txt", (1...1000).map { $0 == 500 ? "changed\n" : "row \($0)\n" }.joined())
        let diff = try repo.git("diff", "-M", "HEAD")
        try repo.git("reset", "-q")
        let policy = try PolicyLoader.load("version: 1\ncaps: { max_lines_per_file: 10, max_total_lines: 10, severity: error }\n", file: "p")

        let proposed = try repo.check(.proposed(try apply(diff, in: repo)), policy: policy)
        try repo.git("add", "-A")
        let staged = try repo.check(policy: policy)
        for report in [proposed, staged] {
            XCTAssertEqual([report.addedLineCount, report.deletedLineCount, report.fileCount], [1, 1, 1])
            XCTAssertEqual(report.findings.map(\.rule), [])
        }
    }
}
