import Foundation
import XCTest
@testable import PromptMCPKit

extension TestCommandTests {
    /// promptmcp run by an ordinary user cannot create a network namespace alone: it makes a
    /// user namespace first. As root the other tests take the direct path, so this one runs
    /// promptmcp itself as `nobody` (when the tests run as another user, SandboxTests already
    /// take this path).
    func testOrdinaryUserGetsNetworkIsolationThroughAUserNamespace() throws {
        guard getuid() == 0 else { return }
        let listener = try LoopbackListener()
        let folder = try SandboxFolder()  // nobody's: its TMPDIR and HOME
        let connect = "\(systemPython) -c 'import socket; socket.create_connection((\"127.0.0.1\", \(listener.port)), timeout=2); print(\"connected\")'"
        try repo.stage(".promptmcp/policy.yml", """
            version: 1
            tests:
              - name: isolated
                command: "\(connect.replacingOccurrences(of: "\"", with: "\\\""))"
              - name: open
                command: "\(connect.replacingOccurrences(of: "\"", with: "\\\""))"
                network: true
            """)
        _ = try Command.run("/bin/chown", ["-R", "65534:65534", repo.path], in: repo.path)

        let result = try Command.run(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Command.promptmcpBinary.path,
                                 "test", "--format", "json"],
            in: repo.path, environment: ["HOME": folder.workspace.home, "TMPDIR": folder.workspace.home]
        )
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
        let gates = try XCTUnwrap(json["gates"] as? [[String: Any]])
        let output = gates.map { ($0["output"] as? [String: Any])?["text"] as? String ?? "\($0["summary"] ?? "")" }
        XCTAssertEqual(gates.map { $0["status"] as? String }, ["failed", "passed"], "\(output)")
        XCTAssertTrue(output[0].contains("ConnectionRefusedError") || output[0].contains("unreachable"), output[0])
        XCTAssertEqual(output[1], "connected\n")
        XCTAssertEqual((gates[0]["notes"] as? [String])?.first, "ran as the caller's uid in a checkout of the staged snapshot, no network, sandboxed")
    }
}
