import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import PromptMCPKnowledge

/// The Python stand-in for Context7 (Tests/Fixtures/context7_stub.py, outside the test target
/// so that SwiftPM does not ask what to do with it), started on 127.0.0.1 for one
/// test and stopped with it. Each path can be told how to misbehave for its next requests.
final class Context7Stub {
    let process = Process()
    private let input = Pipe()
    let port: Int
    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/context7_stub.py").path

    init() throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CommandFailure(command: "python3 context7_stub.py", result: .init(status: -1, stdout: text, stderr: ""))
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// The next requests to `path` behave like this, in order (then "ok").
    func script(_ path: String, _ behaviours: [String]) throws {
        var request = URLRequest(url: url.appendingPathComponent("__script"))
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: ["path": path, "behaviours": behaviours])
        _ = try send(request)
    }

    /// Every API request the stub has received.
    func log() throws -> [[String: String]] {
        let data = try send(URLRequest(url: url.appendingPathComponent("__log")))
        let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return entries.map { $0.compactMapValues { $0 as? String } }
    }

    func requestCount(_ path: String) throws -> Int { try log().filter { $0["path"] == path }.count }

    private func send(_ request: URLRequest) throws -> Data {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Data?
        URLSession.shared.dataTask(with: request) { data, _, _ in
            result = data
            semaphore.signal()
        }.resume()
        _ = semaphore.wait(timeout: .now() + 10)
        guard let result else { throw CommandFailure(command: "stub \(request.url!.path)", result: .init(status: -1, stdout: "", stderr: "")) }
        return result
    }
}

/// A clock that tests move by hand; sleeps are recorded, not slept.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_700_000_000)
    private var slept: [TimeInterval] = []

    var now: Date { lock.withLock { current } }
    var sleeps: [TimeInterval] { lock.withLock { slept } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }

    var wallClock: WallClock {
        WallClock(now: { [self] in now }, sleep: { [self] seconds in lock.withLock { slept.append(seconds) } })
    }
}

/// A temporary folder removed with the test.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("promptmcp-knowledge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

enum Knowledge {
    /// A docs service on a cache in `folder`, talking to `base` (the stub) with exact jitter.
    static func service(_ folder: TemporaryFolder, base: URL?, clock: TestClock, offline: Bool = false,
                        timeout: TimeInterval = 2, configure: (inout DocsSettings) -> Void = { _ in }) throws -> DocsService {
        var settings = DocsSettings()
        settings.offline = offline
        settings.retry.random = { 0.5 }
        configure(&settings)
        let store = try Store.openCache(environment: ["PROMPTMCP_CACHE_DIR": folder.path])
        let client = base.map { Context7Client(baseURL: $0, apiKey: "test-secret-key", timeout: timeout) }
        return DocsService(store: store, client: client, settings: settings, clock: clock.wallClock)
    }

    static let grdb = LibraryID("/groue/grdb.swift")!
}
