import Foundation
import XCTest
@testable import PromptMCPKit

/// Finding and opening the repository (subfolders, linked worktrees, a hook's temporary index,
/// bare and missing repositories) and reading commits rather than the index.
extension ChangeSetReaderTests {

    // MARK: - Where the repository and its index are found

    func testDiscoveryFromASubdirectoryFindsTheRepository() throws {
        let repo = try GitRepo()
        try repo.stage("deep/down/file.txt", "x\n")

        let repository = try repo.open(from: "deep/down")
        XCTAssertEqual(realPath(repository.workDirectory), realPath(repo.path))
        XCTAssertEqual(realPath(repository.gitDirectory), realPath(repo.path + "/.git"))
        let file = try onlyFile(try ChangeSetReader(repository: repository).staged())
        XCTAssertEqual(file.path, "deep/down/file.txt", "paths are relative to the work tree, not the folder we started in")
    }

    func testLinkedWorktreeJudgesItsOwnIndex() throws {
        let repo = try GitRepo()
        try repo.stage("base.txt", "base\n")
        try repo.commit()
        try repo.git("worktree", "add", "-q", "wt-linked", "-b", "other")
        try repo.stage("main-only.txt", "main\n")
        try repo.write("wt-linked/linked-only.txt", "linked\nlinked\n")
        try repo.git("add", "linked-only.txt", in: "wt-linked")

        let repository = try repo.open(from: "wt-linked")
        XCTAssertEqual(realPath(repository.workDirectory), realPath(repo.path + "/wt-linked"))
        XCTAssertTrue(repository.gitDirectory.contains("/.git/worktrees/wt-linked"), repository.gitDirectory)
        XCTAssertEqual(realPath(repository.commonDirectory), realPath(repo.path + "/.git"))
        let file = try onlyFile(try ChangeSetReader(repository: repository).staged())
        XCTAssertEqual([file.path], ["linked-only.txt"])
        XCTAssertEqual(file.addedLineCount, 2)
        XCTAssertEqual(try repo.staged().files.map(\.path), ["main-only.txt"])
    }

    /// The parallel loader opens one handle per thread from `gitDirectory`, which for a linked
    /// worktree is `.git/worktrees/<name>`, not a full repository folder.
    func testLinkedWorktreeLoadsManyFilesInParallel() throws {
        let repo = try GitRepo()
        try repo.stage("base.txt", "base\n")
        try repo.commit()
        try repo.git("worktree", "add", "-q", "wt-linked", "-b", "other")
        for index in 0..<70 { try repo.write("wt-linked/" + name(index), numbered(1...2)) }
        try repo.git("add", ".", in: "wt-linked")

        let change = try ChangeSetReader(repository: try repo.open(from: "wt-linked")).staged()
        XCTAssertEqual(change.files.map(\.path), (0..<70).map(name))
        XCTAssertEqual(Set(change.files.map(\.addedLineCount)), [2])
    }

    /// `git commit -a` and `git commit PATH` run hooks with GIT_INDEX_FILE set to a temporary
    /// index; that index, not `.git/index`, is what will be committed.
    func testGitIndexFileFromTheEnvironmentIsTheIndexJudged() throws {
        let repo = try GitRepo()
        let alternate = try makeAlternateIndex(repo)

        let repository = try Repository.discover(environment: ["GIT_DIR": repo.path + "/.git", "GIT_INDEX_FILE": alternate])
        let file = try onlyFile(try ChangeSetReader(repository: repository).staged())
        XCTAssertEqual(file.path, "extra.txt")
        XCTAssertEqual(file.addedLineCount, 3)
        XCTAssertEqual(try repo.staged().files, [], "the real index has nothing staged")
    }

    func testCheckCommandJudgesTheIndexNamedByGitIndexFile() throws {
        let repo = try GitRepo()
        let alternate = try makeAlternateIndex(repo)

        XCTAssertEqual(try checkSummary(repo), ["files": 0, "added_lines": 0])
        XCTAssertEqual(try checkSummary(repo, ["GIT_INDEX_FILE": alternate]), ["files": 1, "added_lines": 3])
        XCTAssertEqual(try checkSummary(repo, ["GIT_INDEX_FILE": ".git/alternate-index"]), ["files": 1, "added_lines": 3],
                       "a relative GIT_INDEX_FILE is relative to the current folder, as git sets it for hooks")
    }

    /// The real thing: git runs the hook with GIT_INDEX_FILE (and, in a linked worktree,
    /// GIT_DIR) pointing at the index it is about to commit.
    func testPreCommitHookJudgesTheIndexGitIsAboutToCommit() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", "1\n")
        try repo.commit()
        let output = repo.path + "/.git/hook-output.json"
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\nexec \"$PROMPTMCP\" check --format json > \"$HOOK_OUTPUT\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path + "/.git/hooks/pre-commit")
        let environment = ["PROMPTMCP": Command.promptmcpBinary.path, "HOOK_OUTPUT": output]
        func hookSummary() throws -> [String: Int] {
            let summary = try XCTUnwrap(try jsonSummary(String(contentsOfFile: output, encoding: .utf8)))
            return ["files": summary["files"] as? Int ?? -1, "added_lines": summary["added_lines"] as? Int ?? -1]
        }

        try repo.stage("staged-elsewhere.txt", "not in this commit\n")
        try repo.write("a.txt", "1\n2\n3\n")
        try repo.git(["commit", "-q", "-m", "only a", "a.txt"], environment: environment)
        XCTAssertEqual(try hookSummary(), ["files": 1, "added_lines": 2], "`git commit PATH` commits a.txt alone")

        try repo.git("worktree", "add", "-q", "wt-linked", "-b", "other")
        try repo.write("wt-linked/a.txt", "1\n2\n3\n4\n")
        try repo.git(["commit", "-q", "-a", "-m", "all"], in: "wt-linked", environment: environment)
        XCTAssertEqual(try hookSummary(), ["files": 1, "added_lines": 1], "`git commit -a` in a linked worktree")
    }

    func testFolderOutsideAnyRepositoryIsNotARepository() throws {
        let folder = try makePlainFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        XCTAssertThrowsError(try Repository.discover(from: folder)) { error in
            XCTAssertEqual(error as? GitError, .notARepository(path: folder))
        }
        let result = try Command.run(Command.promptmcpBinary.path, ["check"], in: folder)
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("not a git repository"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    func testBareRepositoryIsRefused() throws {
        let bare = try GitRepo(bare: true)

        XCTAssertThrowsError(try Repository.discover(from: bare.path)) { error in
            guard case .bareRepository(let path)? = error as? GitError else { return XCTFail("\(error)") }
            XCTAssertEqual(realPath(path), realPath(bare.path))
        }
        let result = try bare.promptmcp("check")
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("bare repository"), result.stderr)
    }

    // MARK: - Commits and ranges

    func testRootCommitIsJudgedAgainstTheEmptyTree() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", numbered(1...3))
        try repo.stage("b.txt", "b\n")
        try repo.commit("root")

        let change = try ChangeSetReader(repository: try repo.open()).commit("HEAD")
        let info = try XCTUnwrap(change.commit)
        XCTAssertEqual(info.id.hex, trimmed(try repo.git("rev-parse", "HEAD")))
        XCTAssertEqual(info.parentIDs, [])
        XCTAssertEqual(trimmed(info.message), "root")
        XCTAssertEqual([info.authorName, info.authorEmail], ["Test Author", "author@example.com"])
        XCTAssertEqual(change.files.map(\.path), ["a.txt", "b.txt"])
        XCTAssertEqual(change.files.map(\.status), [.added, .added])
        XCTAssertEqual(change.files.map(\.addedLineCount), [3, 1])
    }

    func testCommitIsJudgedAgainstItsParent() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", numbered(1...3))
        try repo.commit("first")
        try repo.stage("a.txt", numbered(1...4))
        try repo.commit("second")

        let change = try ChangeSetReader(repository: try repo.open()).commit("HEAD")
        XCTAssertEqual(change.commit?.parentIDs.map(\.hex), [trimmed(try repo.git("rev-parse", "HEAD~1"))])
        XCTAssertEqual(trimmed(change.commit?.message ?? ""), "second")
        let file = try onlyFile(change)
        XCTAssertEqual(file.status, .modified)
        XCTAssertEqual(file.addedLines, [line(4, "line 4")])
        XCTAssertThrowsError(try ChangeSetReader(repository: try repo.open()).commit("no-such-branch")) { error in
            XCTAssertEqual(error as? GitError, .unknownRevision("no-such-branch"))
        }
    }

    func testRangeGivesEachCommitOldestFirst() throws {
        let repo = try GitRepo()
        try repo.stage("base.txt", "base\n")
        try repo.commit("base")
        for (index, name) in ["one", "two", "three"].enumerated() {
            try repo.stage("\(name).txt", numbered(1...(index + 1)))
            try repo.commit(name)
        }

        let changes = try ChangeSetReader(repository: try repo.open()).range(from: "HEAD~3", to: "HEAD")
        XCTAssertEqual(changes.map { trimmed($0.commit?.message ?? "") }, ["one", "two", "three"])
        XCTAssertEqual(changes.map { $0.files.map(\.path) }, [["one.txt"], ["two.txt"], ["three.txt"]])
        XCTAssertEqual(changes.map { $0.files.map(\.addedLineCount) }, [[1], [2], [3]])
        XCTAssertEqual(try ChangeSetReader(repository: try repo.open()).range(from: "HEAD", to: "HEAD"), [])
    }

    func testMergeCommitIsJudgedAgainstItsFirstParent() throws {
        let repo = try GitRepo()
        try repo.stage("base.txt", "base\n")
        try repo.commit("base")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.stage("feature.txt", "feature\nfeature\n")
        try repo.commit("feature")
        try repo.git("checkout", "-q", "main")
        try repo.stage("main.txt", "main\n")
        try repo.commit("main")
        try repo.git("merge", "-q", "--no-ff", "--no-edit", "feature")

        let change = try ChangeSetReader(repository: try repo.open()).commit("HEAD")
        let info = try XCTUnwrap(change.commit)
        XCTAssertTrue(info.isMerge)
        XCTAssertEqual(info.parentIDs.first?.hex, trimmed(try repo.git("rev-parse", "HEAD^1")))
        XCTAssertEqual(change.files.map(\.path), ["feature.txt"], "what the merge brought into main")
        XCTAssertEqual(change.files.map(\.addedLineCount), [2])
    }

    // MARK: - Helpers

    private func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// `.git/alternate-index`: HEAD plus a staged `extra.txt` of 3 lines, with `.git/index` untouched.
    private func makeAlternateIndex(_ repo: GitRepo) throws -> String {
        try repo.stage("base.txt", "base\n")
        try repo.commit()
        let alternate = repo.path + "/.git/alternate-index"
        let environment = ["GIT_INDEX_FILE": alternate]
        try repo.git("read-tree", "HEAD", environment: environment)
        try repo.write("extra.txt", "1\n2\n3\n")
        try repo.git("update-index", "--add", "extra.txt", environment: environment)
        return alternate
    }

    /// Runs `promptmcp check --format json` and keeps the summary's file and added-line counts.
    private func checkSummary(_ repo: GitRepo, _ environment: [String: String] = [:]) throws -> [String: Int] {
        let result = try repo.promptmcp("check", "--format", "json", environment: environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        let summary = try XCTUnwrap(try jsonSummary(result.stdout), result.stdout)
        return ["files": summary["files"] as? Int ?? -1, "added_lines": summary["added_lines"] as? Int ?? -1]
    }

    private func jsonSummary(_ report: String) throws -> [String: Any]? {
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any]
        return json?["summary"] as? [String: Any]
    }

    private func makePlainFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("promptmcp-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
