import Foundation
import XCTest
@testable import PromptMCPKit

/// Entries that are not plain text files (binary, empty, executable, submodule, symlink),
/// awkward paths and line endings, and size: a large file and a change of many files.
extension ChangeSetReaderTests {

    // MARK: - Binary, empty and mode-only changes

    func testBinaryFileHasNoLinesAndItsSize() throws {
        let repo = try GitRepo()
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x0A, 0x00, 0xFF] + Array(repeating: 0x41, count: 1000)
        try repo.write("image.png", Data(bytes))
        try repo.git("add", "image.png")

        let file = try onlyFile(try repo.staged())
        XCTAssertTrue(file.isBinary)
        XCTAssertEqual(file.status, .added)
        XCTAssertEqual(file.size, bytes.count)
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [0, 0])
        XCTAssertEqual(file.addedRanges, [])
        XCTAssertTrue(file.content.isEmpty)
    }

    func testFileTurningBinaryIsBinaryWithNoLines() throws {
        let repo = try GitRepo()
        try repo.stage("data.bin", numbered(1...3))
        try repo.commit()
        try repo.write("data.bin", Data([0x00, 0x01, 0x02]))
        try repo.git("add", "data.bin")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .modified)
        XCTAssertTrue(file.isBinary)
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount, file.size], [0, 0, 3])
    }

    func testTextReplacingABinaryFileIsTextWithAllLinesAdded() throws {
        let repo = try GitRepo()
        try repo.write("data.bin", Data([0x00, 0x01, 0x02]))
        try repo.git("add", "data.bin")
        try repo.commit()
        try repo.stage("data.bin", "password = hunter2\nmore\n")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .modified)
        XCTAssertFalse(file.isBinary, "the staged blob is text and must reach content rules")
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount, file.size], [2, 0, 24])
        XCTAssertEqual(file.addedLines, [line(1, "password = hunter2"), line(2, "more")])
    }

    func testBinaryFileDeletedIsBinaryWithNoLines() throws {
        let repo = try GitRepo()
        try repo.write("data.bin", Data([0x00, 0x0A, 0x0A]))
        try repo.git("add", "data.bin")
        try repo.commit()
        try repo.git("rm", "-q", "data.bin")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .deleted)
        XCTAssertTrue(file.isBinary)
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount, file.size], [0, 0, 0])
    }

    func testEmptyFileAddedHasNoLines() throws {
        let repo = try GitRepo()
        try repo.stage("empty.txt", "")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .added)
        XCTAssertEqual(file.newID.hex, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        XCTAssertFalse(file.isBinary)
        XCTAssertEqual([file.size, file.addedLineCount, file.deletedLineCount], [0, 0, 0])
        XCTAssertEqual(file.addedRanges, [])
        XCTAssertEqual(file.addedLines, [])
    }

    func testModeChangeOnlyIsAModificationWithNoLines() throws {
        let repo = try GitRepo()
        try repo.stage("run.sh", "#!/bin/sh\necho hi\n")
        try repo.commit()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path + "/run.sh")
        try repo.git("add", "run.sh")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .modified)
        XCTAssertEqual(file.oldKind, .file)
        XCTAssertEqual(file.newKind, .executable)
        XCTAssertEqual([file.oldMode, file.newMode], [0o100644, 0o100755])
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [0, 0])
    }

    // MARK: - Entry kinds and awkward content

    func testAddedSubmoduleHasNoContent() throws {
        let inner = try GitRepo()
        try inner.stage("lib.txt", "library\n")
        try inner.commit()
        let repo = try GitRepo()
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.path, "sub")

        let change = try repo.staged()
        XCTAssertEqual(change.files.map(\.path), [".gitmodules", "sub"])
        let sub = try changed("sub", in: change)
        XCTAssertEqual(sub.status, .added)
        XCTAssertEqual(sub.newKind, .submodule)
        XCTAssertEqual(sub.newID.hex, trimmed(try inner.git("rev-parse", "HEAD")))
        XCTAssertEqual([sub.size, sub.addedLineCount, sub.deletedLineCount], [0, 0, 0])
        XCTAssertTrue(sub.content.isEmpty)
        XCTAssertEqual(try changed(".gitmodules", in: change).newKind, .file)
    }

    func testMovedSubmodulePointerIsAModificationWithNoLines() throws {
        let repo = try GitRepo()
        try repo.stage("keep.txt", "x\n")
        try repo.git("update-index", "--add", "--cacheinfo", "160000,\(String(repeating: "a", count: 40)),sub")
        try repo.commit()
        try repo.git("update-index", "--cacheinfo", "160000,\(String(repeating: "b", count: 40)),sub")

        let sub = try onlyFile(try repo.staged())
        XCTAssertEqual(sub.status, .modified)
        XCTAssertEqual([sub.oldKind, sub.newKind], [.submodule, .submodule])
        XCTAssertEqual([sub.addedLineCount, sub.deletedLineCount, sub.size], [0, 0, 0])
    }

    func testFileReplacedBySubmoduleIsATypeChangeCountingTheDeletedFile() throws {
        let repo = try GitRepo()
        try repo.stage("vendor", numbered(1...3))
        try repo.commit()
        try repo.git("rm", "-q", "--cached", "vendor")
        try repo.git("update-index", "--add", "--cacheinfo", "160000,\(String(repeating: "c", count: 40)),vendor")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .typeChange)
        XCTAssertEqual([file.oldKind, file.newKind], [.file, .submodule])
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [0, 3])
    }

    func testSymlinkContentIsItsTarget() throws {
        let repo = try GitRepo()
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/link", withDestinationPath: "../outside/target.txt")
        try repo.git("add", "link")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .added)
        XCTAssertEqual(file.newKind, .symlink)
        XCTAssertEqual(file.newMode, 0o120000)
        XCTAssertEqual(String(decoding: file.content, as: UTF8.self), "../outside/target.txt")
        XCTAssertEqual(file.addedLines, [line(1, "../outside/target.txt")], "the target, with no newline, is one line")
    }

    func testFileReplacedBySymlinkIsATypeChange() throws {
        let repo = try GitRepo()
        try repo.stage("config", "a = 1\n")
        try repo.commit()
        try FileManager.default.removeItem(atPath: repo.path + "/config")
        try FileManager.default.createSymbolicLink(atPath: repo.path + "/config", withDestinationPath: "config.real")
        try repo.git("add", "config")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual(file.status, .typeChange)
        XCTAssertEqual([file.oldKind, file.newKind], [.file, .symlink])
        XCTAssertEqual(file.addedLines, [line(1, "config.real")])
        XCTAssertEqual(file.deletedLineCount, 1)
    }

    func testPathsWithSpacesAndNonASCIIAreKeptAsIs() throws {
        let repo = try GitRepo()
        try repo.stage("dir with space/naïve café.txt", "ünïcödé\n")
        try repo.stage("日本語.md", "x\n")

        let change = try repo.staged()
        XCTAssertEqual(Set(change.files.map(\.path)), ["dir with space/naïve café.txt", "日本語.md"])
        let file = try changed("dir with space/naïve café.txt", in: change)
        XCTAssertEqual(Array(file.path.utf8), Array("dir with space/naïve café.txt".utf8), "no quoting, no normalisation")
        XCTAssertEqual(file.addedLines, [line(1, "ünïcödé")])
    }

    func testCRLFLinesAreCountedOnceAndKeepTheirCarriageReturn() throws {
        let repo = try GitRepo()
        try repo.stage("dos.txt", "one\r\ntwo\r\nthree\r\n")
        try repo.commit()
        try repo.stage("dos.txt", "one\r\nTWO\r\nthree\r\nfour")

        let file = try onlyFile(try repo.staged())
        XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [2, 1])
        XCTAssertEqual(file.addedRanges, [2...2, 4...4])
        // Only "\n" ends a line: the "\r" stays in the text rules see.
        XCTAssertEqual(file.addedLines, [line(2, "TWO\r"), line(4, "four")])
    }

    func testFiveMegabyteFileIsCountedQuickly() throws {
        let repo = try GitRepo()
        let row = String(repeating: "x", count: 40)
        let text = (1...100_000).map { String(format: "%08d %@", $0, row) }.joined(separator: "\n") + "\n"
        XCTAssertEqual(text.utf8.count, 5_000_000)
        try repo.stage("big.txt", text)

        let started = Date()
        let added = try onlyFile(try repo.staged())
        XCTAssertEqual([added.addedLineCount, added.size], [100_000, 5_000_000])
        XCTAssertEqual(added.addedRanges, [1...100_000])
        try repo.commit()
        try repo.stage("big.txt", text.replacingOccurrences(of: "00050000 ", with: "changed  "))
        let modified = try onlyFile(try repo.staged())
        XCTAssertEqual([modified.addedLineCount, modified.deletedLineCount], [1, 1])
        XCTAssertEqual(modified.addedLines.map(\.number), [50_000])
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "reading 5 MB twice should take well under a second")
    }

    // MARK: - Line counting

    func testLineCountEdgeCases() {
        XCTAssertEqual(FileLoader.lineCount([]), 0)
        XCTAssertEqual(FileLoader.lineCount(Array("\n".utf8)), 1)
        XCTAssertEqual(FileLoader.lineCount(Array("\n\n".utf8)), 2)
        XCTAssertEqual(FileLoader.lineCount(Array("a".utf8)), 1)
        XCTAssertEqual(FileLoader.lineCount(Array("a\n".utf8)), 1)
        XCTAssertEqual(FileLoader.lineCount(Array("a\nb".utf8)), 2, "no trailing newline")
        XCTAssertEqual(FileLoader.lineCount(Array("a\r\nb\r\n".utf8)), 2)
        XCTAssertEqual(FileLoader.lineCount(Array("a\rb\r".utf8)), 1, "a lone CR does not end a line")
    }

    func testManyFilesLoadedInParallelKeepOrderAndCounts() throws {
        let repo = try GitRepo()
        for index in 0..<100 { try repo.write(name(index), numbered(1...(index + 1))) }
        try repo.git("add", ".")
        try repo.commit()
        for index in 0..<70 { try repo.write(name(index), numbered(1...(index + 1)) + "extra \(index)\n") }
        // Unique content, so that no new file is taken for a copy of a modified one.
        for index in 100..<130 { try repo.write(name(index), "new \(index)\nnew\nnew\n") }
        try repo.git("add", ".")
        try repo.git("rm", "-q", name(99), name(98))

        let repository = try repo.open()
        let deltas = try ChangeSetReader(repository: repository).stagedDeltas()
        XCTAssertGreaterThanOrEqual(deltas.count, 64, "below 64 files the loader stays on one thread")
        let change = try ChangeSetReader(repository: repository).staged()
        XCTAssertEqual(change.files.map(\.path), deltas.map(\.path))
        XCTAssertEqual(change.files, try deltas.map { try FileLoader.load($0, from: repository) }, "same as one at a time")
        XCTAssertEqual(change.files.count, 102)
        XCTAssertEqual(change.files.map(\.status), [FileChange.Status](repeating: .modified, count: 70)
            + [.deleted, .deleted] + [FileChange.Status](repeating: .added, count: 30))
        for file in change.files {
            let index = Int(file.path.dropFirst(5).prefix(3))!
            switch index {
            case 0..<70: XCTAssertEqual([file.addedLineCount, file.deletedLineCount], [1, 0], file.path)
            case 98, 99: XCTAssertEqual(file.deletedLineCount, index + 1, file.path)
            default: XCTAssertEqual(file.addedLineCount, 3, file.path)
            }
        }
    }
}
