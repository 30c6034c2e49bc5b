import Foundation
import XCTest
@testable import PromptMCPKit

/// A throwaway repository in its own temporary folder, driven by the real `git` command.
/// Each test gets its own, so tests can run in parallel.
final class GitRepo {
    let root: URL
    var path: String { root.path }

    init(initialBranch: String = "main", bare: Bool = false) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("promptmcp-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", initialBranch] + (bare ? ["--bare"] : []))
        if !bare {
            try git("config", "user.name", "Test Author")
            try git("config", "user.email", "author@example.com")
            try git("config", "commit.gpgsign", "false")
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Runs git in the repository (or in `directory` inside it); fails the test on a non-zero exit.
    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil, environment: [String: String] = [:]) throws -> String {
        try git(arguments, in: directory, environment: environment)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:], input: String? = nil) throws -> String {
        let result = try Command.run("/usr/bin/env", ["git"] + arguments,
                                     in: directory.map { root.appendingPathComponent($0).path } ?? path,
                                     environment: environment, input: input)
        guard result.status == 0 else {
            throw CommandFailure(command: "git \(arguments.joined(separator: " "))", result: result)
        }
        return result.stdout
    }

    func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, Data(text.utf8))
    }

    func write(_ relativePath: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Writes and stages a file.
    func stage(_ relativePath: String, _ text: String) throws {
        try write(relativePath, text)
        try git("add", "--", relativePath)
    }

    func commit(_ message: String = "commit", environment: [String: String] = [:]) throws {
        try git(["commit", "-q", "--no-verify", "-m", message], environment: environment)
    }

    /// Opens the repository through libgit2, as the CLI would from `directory` (default: the root).
    func open(from directory: String? = nil, environment: [String: String] = [:]) throws -> Repository {
        try Repository.discover(from: directory.map { root.appendingPathComponent($0).path } ?? path, environment: environment)
    }

    func staged() throws -> LoadedChange { try ChangeSetReader(repository: try open()).staged() }

    /// Runs git as a user would, hooks included: the installed shims find the built binary
    /// through $PROMPTMCP, as they would find an installed one on PATH.
    func gitWithHooks(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Command.Result {
        try Command.run("/usr/bin/env", ["git"] + arguments,
                        in: directory.map { root.appendingPathComponent($0).path } ?? path,
                        environment: ["PROMPTMCP": Command.promptmcpBinary.path].merging(environment) { $1 })
    }

    /// Runs the built `promptmcp` binary in the repository.
    func promptmcp(_ arguments: String..., in directory: String? = nil, environment: [String: String] = [:]) throws -> Command.Result {
        try promptmcp(arguments, in: directory, environment: environment)
    }

    func promptmcp(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Command.Result {
        try Command.run(Command.promptmcpBinary.path, arguments,
                        in: directory.map { root.appendingPathComponent($0).path } ?? path, environment: environment)
    }
}

/// Runs a process to completion and captures what it printed.
enum Command {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Both streams: git sends a hook's standard output to its standard error.
        var output: String { stdout + stderr }
    }

    /// Git's global and system configuration are shut out so that tests see only what they set.
    static let isolation = [
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com",
        "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "author@example.com",
    ]

    static func run(_ executable: String, _ arguments: [String], in directory: String,
                    environment: [String: String] = [:], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] { env[key] = nil }
        process.environment = env.merging(isolation) { $1 }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The `promptmcp` executable built beside this test bundle.
    static let promptmcpBinary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("promptmcp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/promptmcp")
    }()
}

struct CommandFailure: Error, CustomStringConvertible {
    var command: String
    var result: Command.Result
    var description: String { "\(command) exited \(result.status): \(result.stderr)\(result.stdout)" }
}
