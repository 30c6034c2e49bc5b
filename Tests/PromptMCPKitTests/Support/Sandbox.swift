import Foundation
import XCTest
@testable import PromptMCPKit

/// A folder a sandboxed child may write in (given to its uid, `nobody` when the tests run as
/// root), and a short way to run a command there under limits.
final class SandboxFolder {
    let workspace: GateWorkspace
    var path: String { workspace.tree }

    init() throws {
        workspace = try GateWorkspace.make(in: FileManager.default.temporaryDirectory, for: "test")
        if let user = SandboxUser.forUntrustedCode { try workspace.handOver(to: user) }
    }

    deinit { _ = workspace.remove() }

    /// Runs `arguments` (PATH limited to the system's folders: /root is closed to `nobody`).
    func run(_ arguments: [String], limits: SandboxLimits = SandboxLimits(), timeout: Double = 5,
             network: Bool = false, environment: [String: String] = [:]) throws -> SandboxResult {
        let request = SandboxRequest(
            arguments: arguments,
            environment: ["PATH": SandboxRequest.defaultPath, "HOME": workspace.home].merging(environment) { $1 },
            workingDirectory: path, limits: limits, timeout: timeout, isolateNetwork: !network
        )
        return try SandboxedProcess.run(request)
    }

    func shell(_ script: String, limits: SandboxLimits = SandboxLimits(), timeout: Double = 5,
               network: Bool = false) throws -> SandboxResult {
        try run(["/bin/sh", "-c", script], limits: limits, timeout: timeout, network: network)
    }
}

/// The system's python3: the pyenv shims under /root cannot be run by `nobody`.
let systemPython = "/usr/bin/python3"

/// Whether a process is gone (or a zombie waiting for init, which holds nothing).
func processIsGone(_ pid: pid_t) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return true }
    return status.split(separator: "\n").contains { $0.hasPrefix("State:") && $0.contains("Z") }
}

/// Waits up to `seconds` for `condition`, checking every 10 ms.
func eventually(within seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// Host pids of live processes whose argv is exactly `arguments` (a gate's own pids are those
/// of its PID namespace, so tests find its processes by what they run).
func pids(running arguments: [String]) -> [pid_t] {
    let wanted = arguments.joined(separator: "\0") + "\0"
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry in
        guard let pid = pid_t(entry), !processIsGone(pid),
              let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
        return String(decoding: data, as: UTF8.self) == wanted ? pid : nil
    }
}

/// Processes owned by `uid`, counted from /proc.
func processCount(uid: UInt32) -> Int {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { entry in
        guard Int(entry) != nil, let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8) else { return false }
        let uidLine = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }
        let real = uidLine?.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first
        return real.flatMap { UInt32($0) } == uid && !status.contains("State:\tZ")
    }.count
}

/// A TCP listener on 127.0.0.1 (an ephemeral port) in the test process: connections complete
/// in the kernel's backlog without an accept loop.
final class LoopbackListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard bound == 0, named == 0, listen(socketFD, 16) == 0 else {
            close(socketFD)
            throw POSIXError(.EADDRINUSE)
        }
        fd = socketFD
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(fd) }
}
