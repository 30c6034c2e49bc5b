import Foundation
import XCTest

/// Every input the fuzz harness (bench/fuzz.py) found to crash, hang or exhaust memory, and the
/// hostile shapes written by hand before it, replayed through the same entry points by the
/// `promptmcp-fuzz` replay binary: each must be read (or refused) quickly and without a trap.
final class FuzzRegressionTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")
    static let replay = Command.promptmcpBinary.deletingLastPathComponent().appendingPathComponent("promptmcp-fuzz").path

    func replay(_ target: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = Self.fixtures.appendingPathComponent(target)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { folder.appendingPathComponent($0).path }
        XCTAssertFalse(inputs.isEmpty, "no fixtures for \(target)", file: file, line: line)
        for input in inputs {
            let started = Date()
            let result = try Command.run(Self.replay, [target, input], in: folder.path)
            XCTAssertEqual(result.status, 0, "\(input): \(result.output)", file: file, line: line)
            XCTAssertEqual(result.stdout, "\(input): ok\n", file: file, line: line)
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "\(input) took too long", file: file, line: line)
        }
    }

    func testPolicyLoaderInputs() throws { try replay("policy") }
    func testDiffParserInputs() throws { try replay("diff") }
    func testMessageScannerInputs() throws { try replay("message") }
    func testJSONValidatorInputs() throws { try replay("json") }
}
