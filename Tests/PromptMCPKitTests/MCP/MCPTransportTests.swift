import Foundation
import XCTest
@testable import PromptMCPServer

/// The server's stdio transport: every request read is answered even when input ends at once,
/// and an oversized line is skipped without holding it in memory.
final class MCPTransportTests: XCTestCase {
    /// `promptmcp-mcp` in `repo` fed `lines`; its answers, parsed.
    func serve(_ lines: [String], in repo: GitRepo, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let server = Command.promptmcpBinary.deletingLastPathComponent().appendingPathComponent("promptmcp-mcp").path
        let result = try Command.run(server, [], in: repo.path, environment: ["PROMPTMCP_MCP_LOG": "quiet"],
                                     input: lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    func testRequestsWrittenBeforeInputClosesAreAllAnswered() throws {
        let repo = try GitRepo()
        try repo.stage("a.txt", "a\n")
        var lines = [
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        ]
        for id in 1...12 {
            lines.append(#"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"promptmcp_check","arguments":{"staged":true}}}"#)
        }
        // Command.run closes standard input right after writing it: the end of input comes
        // while the checks are still running.
        let answers = try serve(lines, in: repo)
        XCTAssertEqual(Set(answers.compactMap { $0["id"] as? Int }), Set(0...12))
        let results = answers.filter { ($0["id"] as? Int ?? 0) > 0 }.compactMap { $0["result"] as? [String: Any] }
        XCTAssertEqual(results.count, 12)
        XCTAssertTrue(results.allSatisfy { $0["isError"] as? Bool == false })
    }

    func testAnOversizedLineIsSkippedAndReportedWithItsHead() throws {
        var descriptors: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&descriptors), 0)
        let text = #"{"id":5,"big":""# + String(repeating: "x", count: 10_000) + "\"}\n" + #"{"id":6}"# + "\n"
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { write(descriptors[1], $0.baseAddress, $0.count) }, bytes.count)
        close(descriptors[1])
        defer { close(descriptors[0]) }
        var reader = LineReader(descriptor: descriptors[0], maxLineBytes: 1000)
        guard case .oversized(let head, let size)? = reader.next() else { return XCTFail("the long line was not reported") }
        XCTAssertEqual(size, text.utf8.count - 9 - 1, "its whole size, without the newline")
        XCTAssertEqual(MessageScanner.scan(head, guardStrings: false).id, "5")
        guard case .message(let next)? = reader.next() else { return XCTFail("the next line was lost") }
        XCTAssertEqual(String(decoding: next, as: UTF8.self), #"{"id":6}"#)
        XCTAssertNil(reader.next())
    }

    func testADeeplyNestedMessageIsRefusedBeforeTheSDKDecodesIt() throws {
        let repo = try GitRepo()
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let lines = [
            #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"promptmcp_health","arguments":{"x":"# + deep + "}}}",
            #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
        ]
        let answers = try serve(lines, in: repo)
        let refused = answers.first { $0["id"] as? Int == 1 }?["error"] as? [String: Any]
        XCTAssertEqual(refused?["code"] as? Int, -32600)
        XCTAssertEqual(refused?["message"] as? String, "message nests deeper than 128 levels")
        XCTAssertNotNil(answers.first { $0["id"] as? Int == 2 }?["result"], "the session goes on")
    }

    func testAnIdThatIsNotAJSONScalarIsNeverEchoed() {
        XCTAssertNil(MessageScanner.scan(Array(#"{"id":1],"method":"x"}"#.utf8), guardStrings: false).id)
        XCTAssertNil(MessageScanner.scan(Array(#"{"id":{"a":1},"method":"x"}"#.utf8), guardStrings: false).id)
        XCTAssertEqual(MessageScanner.scan(Array(#"{"id":"a\"b","method":"x"}"#.utf8), guardStrings: false).id, #""a\"b""#)
        XCTAssertEqual(MessageScanner.scan(Array(#"{"id":-12,"method":"x"}"#.utf8), guardStrings: false).id, "-12")
    }
}
