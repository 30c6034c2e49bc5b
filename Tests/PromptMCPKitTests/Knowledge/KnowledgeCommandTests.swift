import Foundation
import XCTest
@testable import PromptMCPKnowledge

/// The built `promptmcp` binary: docs, search and lessons commands, and several processes
/// sharing one store (two writers at once, one killed mid-write).
final class KnowledgeCommandTests: XCTestCase {
    func testDocsCommandsWorkAgainstAContext7CompatibleServer() throws {
        let (stub, folder) = (try Context7Stub(), try TemporaryFolder())
        let env = ["PROMPTMCP_CACHE_DIR": folder.path, "CONTEXT7_BASE_URL": stub.url.absoluteString, "CONTEXT7_API_KEY": "sk-never-shown"]
        let search = try run(["docs", "search", "grdb", "--format", "json"], env)
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertTrue(search.stdout.contains("\"id\" : \"/grdb/grdb\""), search.stdout)
        let get = try run(["docs", "get", "/groue/grdb.swift", "--query", "value observation"], env)
        XCTAssertEqual(get.status, 0, get.stderr)
        XCTAssertTrue(get.stdout.contains("## Example for value observation"), get.stdout)
        let offline = try run(["docs", "get", "/groue/grdb.swift", "--query", "observation of tokenizers", "--offline"], env)
        XCTAssertEqual(offline.status, 0, "answered from the local index: \(offline.stderr)")
        XCTAssertTrue(offline.stderr.contains("queued"), offline.stderr)
        let missing = try run(["docs", "get", "/apple/swift-nio", "--query", "channels", "--offline"], env)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("promptmcp docs sync"), missing.stderr)
        let status = try run(["docs", "status", "--format", "json"], env)
        XCTAssertTrue(status.stdout.contains("\"pending\" : 2"), status.stdout)
        let sync = try run(["docs", "sync"], env)
        XCTAssertEqual(sync.status, 0, sync.stderr + sync.stdout)
        XCTAssertTrue(sync.stdout.contains("2 fetched, 0 still queued"), sync.stdout)
        try stub.script("/api/v2/context", ["401"])
        let rejected = try run(["docs", "get", "/x/y", "--query", "z"], env)
        XCTAssertEqual(rejected.status, 1)
        XCTAssertTrue(rejected.stderr.contains("CONTEXT7_API_KEY"), rejected.stderr)
        for result in [search, get, offline, missing, status, sync, rejected] {
            XCTAssertFalse((result.stdout + result.stderr).contains("sk-never-shown"), "the API key leaked")
        }
        XCTAssertEqual(try run(["docs", "get", "owner/repo", "--query", "q"], env).status, 2)
    }

    func testTwoWritersAtOnceAndAKilledImportLeaveTheCacheSound() throws {
        let folder = try TemporaryFolder()
        let env = ["PROMPTMCP_CACHE_DIR": folder.path + "/cache", "PROMPTMCP_OFFLINE": "1"]
        for library in ["a", "b", "big"] {
            for index in 0..<(library == "big" ? 1500 : 300) {
                try folder.write("\(library)/f\(index).md", "# File \(index) of \(library)\n\nBody \(index).\n\n## Part\n\nMore \(library).\n")
            }
        }
        // Two imports and a reader at the same moment, on a cache that does not exist yet.
        let results = try parallel([
            ["docs", "import", folder.path + "/a", "--library", "/t/a"],
            ["docs", "import", folder.path + "/b", "--library", "/t/b"],
            ["docs", "get", "/t/a", "--query", "body"],
        ], env)
        XCTAssertEqual(results[0].status, 0, results[0].stderr)
        XCTAssertEqual(results[1].status, 0, results[1].stderr)
        XCTAssertTrue([0, 1].contains(results[2].status), results[2].stderr)

        let victim = Process()
        victim.executableURL = Command.promptmcpBinary
        victim.arguments = ["docs", "import", folder.path + "/big", "--library", "/t/big"]
        victim.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        victim.standardOutput = FileHandle.nullDevice
        try victim.run()
        // Killed as soon as its first batches are committed: the rest is mid-write.
        let cache = try Store.openCache(environment: env)
        let countBig = { try cache.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE library_id = '/t/big'") ?? 0 } }
        let deadline = Date(timeIntervalSinceNow: 10)
        while try countBig() == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        XCTAssertEqual(victim.terminationReason, .uncaughtSignal, "the import finished before it could be killed")
        let survived = try countBig()
        XCTAssertLessThan(survived, 1500)
        XCTAssertEqual(survived % MarkdownImporter.batchSize, 0, "only whole batches are visible")

        let status = try run(["docs", "status", "--check", "--format", "json"], env)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("\"integrity\" : \"ok\""), status.stdout)
        let counts = try cache.read { db in
            try ["/t/a", "/t/b"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE library_id = ?", arguments: [$0]) ?? 0 }
        }
        XCTAssertEqual(counts, [300, 300], "nothing imported before the kill was lost")
        XCTAssertEqual(try run(["docs", "import", folder.path + "/big", "--library", "/t/big"], env).status, 0)
        XCTAssertEqual(try cache.integrityProblems(), [])
    }

    func testTwoSearchesAtOnceInAFreshCloneBothSucceed() throws {
        let repo = try GitRepo()
        for index in 0..<50 { try repo.write("docs/page\(index).md", "# Page \(index)\n\nHow to rotate the signing key, step \(index).\n") }
        let env = ["PROMPTMCP_CACHE_DIR": repo.path + "/.cache-none"]
        let results = try parallel(Array(repeating: ["search", "rotate", "signing", "key", "--limit", "3"], count: 3), env, in: repo.path)
        for result in results { XCTAssertEqual(result.status, 0, result.stderr) }
        XCTAssertEqual(Set(results.map(\.stdout)).count, 1, "every process sees the same index")
        XCTAssertTrue(results[0].stdout.contains("[repository] Page"), results[0].stdout)
    }

    func testLessonsCommandsRecordPromoteAndForget() throws {
        let repo = try GitRepo()
        let add = try repo.promptmcp("lessons", "add", "Never log tokens", "--rule", "secrets.token", "--paths", "Sources/**", "--fix", "Redact them.")
        XCTAssertEqual(add.status, 0, add.stderr)
        let id = String(add.stdout.prefix(9))
        XCTAssertTrue(try repo.promptmcp("lessons", "list").stdout.contains("\(id)  local"))
        XCTAssertTrue(try repo.promptmcp("lessons", "show", id).stdout.contains("Redact them."))
        XCTAssertTrue(try repo.promptmcp("lessons", "helped", id).stdout.contains("confidence 0.65"))
        XCTAssertEqual(try repo.promptmcp("lessons", "promote", id).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.path + "/.promptmcp/lessons/\(id).md"))
        XCTAssertTrue(try repo.promptmcp("search", "tokens").stdout.contains("[lesson] Never log tokens"))
        XCTAssertEqual(try repo.promptmcp("lessons", "show", "Lzzzz").status, 2)
        XCTAssertEqual(try repo.promptmcp("lessons", "add", "bad", "--paths", "[").status, 2)
        XCTAssertEqual(try repo.promptmcp("lessons", "forget", id).status, 0)
        XCTAssertTrue(try repo.promptmcp("lessons", "list").stdout.contains("no lessons yet"))
    }

    private static func run(_ arguments: [String], _ environment: [String: String], in directory: String? = nil) throws -> Command.Result {
        try Command.run(Command.promptmcpBinary.path, arguments, in: directory ?? FileManager.default.temporaryDirectory.path,
                        environment: environment)
    }

    private func run(_ arguments: [String], _ environment: [String: String]) throws -> Command.Result {
        try Self.run(arguments, environment)
    }

    /// Starts every command at once and waits for all.
    private func parallel(_ commands: [[String]], _ environment: [String: String], in directory: String? = nil) throws -> [Command.Result] {
        nonisolated(unsafe) var results = [Command.Result?](repeating: nil, count: commands.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: commands.count) { index in
            let result = try? Self.run(commands[index], environment, in: directory)
            lock.withLock { results[index] = result }
        }
        return try results.map { try XCTUnwrap($0) }
    }
}
