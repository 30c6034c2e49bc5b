import Foundation
import XCTest
@testable import PromptMCPKit

/// Test gates written by an attacker, run for real by `promptmcp test`, once as the tests'
/// user (root in CI: the gate then runs as `nobody`) and once by promptmcp run as `nobody`
/// itself (the sandbox then stands on an unprivileged user namespace). Each attack must be
/// contained: what the gate reads is not there, what it writes is gone with it, what it starts
/// dies with it, what it floods or hogs is stopped.
final class HostileGateTests: XCTestCase {
    /// Files an attacker wants, readable by the gate's uid, so only the sandbox keeps them away.
    final class Victim {
        let home: URL
        let sibling: GitRepo
        let marker: String
        var outside: String { "/tmp/outside-\(marker)" }
        var key: String { home.path + "/.ssh/id_ed25519" }

        init(owner: UInt32?) throws {
            marker = UUID().uuidString
            sibling = try GitRepo()
            home = FileManager.default.temporaryDirectory.appendingPathComponent("promptmcp-victim-\(marker)")
            try FileManager.default.createDirectory(atPath: home.path + "/.ssh", withIntermediateDirectories: true)
            try "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret-\(marker)\n".write(toFile: key, atomically: true, encoding: .utf8)
            try "# the user's shell set-up\n".write(toFile: home.path + "/.bashrc", atomically: true, encoding: .utf8)
            try sibling.git("config", "remote.origin.url", "https://token-\(marker)@example.com/r.git")
            for path in [home.path, sibling.path] {
                _ = try Command.run("/bin/chmod", ["-R", "a+rwX", path], in: "/")
                if let owner { _ = try Command.run("/bin/chown", ["-R", "\(owner):\(owner)", path], in: "/") }
            }
        }

        deinit {
            try? FileManager.default.removeItem(at: home)
            try? FileManager.default.removeItem(atPath: outside)
        }
    }

    static let daemon = ["sleep", "61.2345"], doubleFork = ["sleep", "61.2346"]

    func policy(_ victim: Victim, listener: LoopbackListener) -> String {
        func gate(_ name: String, _ command: String, limits: String = "{ processes: 256 }", timeout: String = "20s") -> String {
            "  - name: \(name)\n    command: '\(command.replacingOccurrences(of: "'", with: "''"))'\n    timeout: \(timeout)\n    limits: \(limits)\n"
        }
        let connect = "\(systemPython) -c \"import socket; socket.create_connection((\\\"127.0.0.1\\\", \(listener.port)), timeout=2); print(\\\"connected\\\")\""
        return "version: 1\ntests:\n"
            + gate("read-key", "cat \(victim.key); ls -a \(victim.home.path)")
            + gate("read-sibling", "cat \(victim.sibling.path)/.git/config")
            + gate("write-home", "echo pwned >> $HOME/.bashrc; echo pwned >> \(victim.home.path)/.bashrc; cat $HOME/.bashrc")
            + gate("write-tmp", "echo pwned > \(victim.outside) && ls \(victim.outside)")
            + gate("daemon", "setsid \(Self.daemon.joined(separator: " ")) & (sh -c '\(Self.doubleFork.joined(separator: " ")) &' &); echo started")
            + gate("fork-bomb", "bomb() { bomb | bomb & }; bomb; sleep 30", timeout: "3s")
            + gate("flood", "head -c 1073741824 /dev/zero")
            + gate("memory-hog", "\(systemPython) -c \"b = bytearray(4 << 30)\"", limits: "{ memory: 1GiB, processes: 256 }")
            + gate("connect", connect)
            + gate("look-around", "grep Seccomp: /proc/self/status; ls /proc | grep -c \"^[0-9]\"; ls /; unshare -U true || echo unshare refused; mount -t tmpfs none /tmp || echo mount refused")
    }

    /// `promptmcp test --format json` in a repository holding the hostile policy; the gates by name.
    func runGates(asNobody: Bool) throws -> (gates: [String: [String: Any]], victim: Victim) {
        let listener = try LoopbackListener()
        let victim = try Victim(owner: asNobody ? 65534 : nil)
        let repo = try GitRepo()
        try repo.stage(PolicyLoader.path, policy(victim, listener: listener))
        let folder = try SandboxFolder()  // nobody's HOME and TMPDIR when promptmcp runs as nobody
        var executable = Command.promptmcpBinary.path, arguments = ["test", "--format", "json"]
        if asNobody {
            _ = try Command.run("/bin/chown", ["-R", "65534:65534", repo.path], in: repo.path)
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", executable] + arguments
            executable = "/usr/bin/setpriv"
        }
        let result = try Command.run(executable, arguments, in: repo.path,
                                     environment: ["HOME": folder.workspace.home, "TMPDIR": folder.workspace.home])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stderr)
        let gates = try XCTUnwrap(json["gates"] as? [[String: Any]])
        XCTAssertTrue(gates.allSatisfy { ($0["notes"] as? [String])?.first?.hasSuffix(", sandboxed") == true }, "\(gates)")
        return (Dictionary(uniqueKeysWithValues: gates.map { ($0["name"] as! String, $0) }), victim)
    }

    func output(_ gate: [String: Any]?) -> String {
        (gate?["output"] as? [String: Any])?["text"] as? String ?? ""
    }

    func assertContained(asNobody: Bool) throws {
        let (gates, victim) = try runGates(asNobody: asNobody)
        XCTAssertEqual(gates.count, 10)

        XCTAssertFalse(output(gates["read-key"]).contains("secret-\(victim.marker)"), output(gates["read-key"]))
        XCTAssertTrue(output(gates["read-key"]).contains("No such file or directory"), output(gates["read-key"]))
        XCTAssertFalse(output(gates["read-sibling"]).contains("token-\(victim.marker)"), output(gates["read-sibling"]))
        XCTAssertEqual(gates["read-sibling"]?["status"] as? String, "failed")

        XCTAssertEqual(try String(contentsOfFile: victim.home.path + "/.bashrc", encoding: .utf8), "# the user's shell set-up\n")
        let written = output(gates["write-home"])
        XCTAssertTrue(written.contains("cannot create \(victim.home.path)/.bashrc: Directory nonexistent"), written)
        XCTAssertTrue(written.hasPrefix("pwned\n") || written.hasSuffix("pwned\n"), "the gate's own HOME is private and writable: \(written)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: victim.outside), "the gate's /tmp is its own")
        XCTAssertEqual(gates["write-tmp"]?["status"] as? String, "passed", "it wrote to its private /tmp")

        XCTAssertEqual(gates["daemon"]?["summary"] as? String, "exited with status 0")
        XCTAssertEqual((gates["daemon"]?["output"] as? [String: Any])?["held_open"] as? Bool, false)
        XCTAssertEqual(pids(running: Self.daemon) + pids(running: Self.doubleFork), [], "setsid and double-forked children died with the gate")

        XCTAssertEqual(gates["fork-bomb"]?["status"] as? String, "failed", "\(gates["fork-bomb"] ?? [:])")
        XCTAssertTrue(eventually(within: 2) { pids(running: ["sleep", "30"]).isEmpty }, "nothing of the bomb is left")

        XCTAssertEqual(gates["flood"]?["summary"] as? String, "stopped after 64 MiB of output; output over 1 MiB, truncated")
        XCTAssertLessThan((gates["flood"]?["usage"] as? [String: Any])?["wall_s"] as? Double ?? 99, 10)
        XCTAssertEqual(gates["memory-hog"]?["summary"] as? String, "memory limit reached (1 GiB)")

        XCTAssertEqual(gates["connect"]?["status"] as? String, "failed")
        XCTAssertFalse(output(gates["connect"]).contains("connected"), output(gates["connect"]))

        let look = output(gates["look-around"])
        XCTAssertTrue(look.hasPrefix("Seccomp:\t2\n"), look)
        let processes = Int(look.split(separator: "\n")[1]) ?? 99
        XCTAssertLessThan(processes, 8, "only the gate's own processes are visible: \(look)")
        XCTAssertTrue(look.contains("\nbin\ndev\netc\n"), look)
        XCTAssertFalse(look.contains("\nroot\n") || look.contains("\nhome\n") || look.contains("\nwork\n"), look)
        XCTAssertTrue(look.contains("unshare refused") && look.contains("mount refused"), look)
    }

    func testHostileGatesAreContainedForTheTestsUser() throws {
        try assertContained(asNobody: false)
    }

    func testHostileGatesAreContainedWhenPromptmcpRunsUnprivileged() throws {
        guard getuid() == 0 else { throw XCTSkip("already unprivileged: the other test covers it") }
        try assertContained(asNobody: true)
    }
}
