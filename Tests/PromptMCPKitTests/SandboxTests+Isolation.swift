import Foundation
import XCTest
@testable import PromptMCPKit

extension SandboxTests {
    /// Where the kernel refuses the sandbox's namespaces, a gate that asks for them fails with
    /// the reason and never runs unsandboxed; `sandbox: false` still runs. The refusal is real:
    /// promptmcp itself runs inside a sandbox, whose syscall filter answers unshare with EPERM.
    func testRefusedNamespacesFailTheGateClosedWithTheReason() throws {
        let repo = try GitRepo()
        try repo.stage(PolicyLoader.path, """
            version: 1
            tests:
              - name: isolated
                command: "touch ran"
              - name: opted-out
                command: "echo unsandboxed"
                sandbox: false
                network: true
            """)
        // libgit2 opens only a repository its user owns.
        if let user = SandboxUser.forUntrustedCode {
            _ = try Command.run("/bin/chown", ["-R", "\(user.uid):\(user.gid)", repo.path], in: "/")
        }
        let folder = try SandboxFolder()
        let build = Command.promptmcpBinary.deletingLastPathComponent().path
        let request = SandboxRequest(
            arguments: [Command.promptmcpBinary.path, "test", "--format", "json"],
            environment: ["PATH": SandboxRequest.defaultPath, "HOME": folder.workspace.home, "TMPDIR": "/tmp",
                          "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"],
            workingDirectory: GateWorkspace.realPath(repo.path), timeout: 30,
            filesystem: .gate(newRoot: folder.workspace.sandboxRoot, temporary: folder.workspace.temporary,
                              writable: [folder.workspace.home, GateWorkspace.realPath(repo.path)], readOnly: [build])
        )
        let result = try SandboxedProcess.run(request)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.text.utf8)) as? [String: Any], result.output.text)
        let gates = try XCTUnwrap(json["gates"] as? [[String: Any]])
        XCTAssertEqual(gates.map { $0["status"] as? String }, ["error", "passed"])
        let summary = gates[0]["summary"] as? String ?? ""
        XCTAssertTrue(summary.hasPrefix("sandbox unavailable: the kernel refused new mount and PID namespaces (Operation not permitted)"), summary)
        XCTAssertTrue(summary.hasSuffix("or set 'sandbox: false' for this gate to run it outside the sandbox"), summary)
        XCTAssertEqual((gates[1]["output"] as? [String: Any])?["text"] as? String, "unsandboxed\n")
        XCTAssertEqual(result.termination, .exited(1), "the check fails: a gate could not run")
    }
}
