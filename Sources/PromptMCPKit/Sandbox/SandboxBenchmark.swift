import Foundation

/// Measurements for bench/sandbox_bench.py, taken inside one process so that they hold the
/// supervisor's cost and not promptmcp's start-up: how much longer `true` takes through the
/// sandbox than started directly, and how long a staged snapshot takes to prepare.
public enum SandboxBenchmark {
    /// Wall milliseconds of each run of `/bin/true`: started with posix_spawn and waited for,
    /// then through `SandboxedProcess` (as a gate runs: fork, set-up, pidfd, poll, group kill,
    /// wait4), with and without network isolation, and in the whole sandbox as a gate runs by
    /// default (mount, PID and network namespaces, the root built, the syscall filter).
    /// Interleaved, so drift hits all alike.
    public static func supervisorOverhead(runs: Int, in folder: String) throws -> [String: [Double]] {
        var samples: [String: [Double]] = ["direct": [], "sandbox": [], "sandbox_no_network_namespace": [], "sandbox_isolated": []]
        let workspace = try GateWorkspace.make(in: FileManager.default.temporaryDirectory, for: "bench")
        defer { _ = workspace.remove() }
        if let user = SandboxUser.forUntrustedCode { try workspace.handOver(to: user) }
        let isolated = SandboxFilesystem.gate(newRoot: workspace.sandboxRoot, temporary: workspace.temporary,
                                              writable: [workspace.home, GateWorkspace.realPath(folder)])
        for _ in 0..<runs {
            samples["direct"]!.append(try time { try spawnDirectly("/bin/true") })
            for (key, isolate, filesystem) in [("sandbox", true, nil), ("sandbox_no_network_namespace", false, nil), ("sandbox_isolated", true, isolated)] {
                let request = SandboxRequest(arguments: ["/bin/true"], workingDirectory: GateWorkspace.realPath(folder), timeout: 10,
                                             isolateNetwork: isolate, filesystem: filesystem)
                samples[key]!.append(try time {
                    let result = try SandboxedProcess.run(request)
                    guard result.succeeded else { throw GateWorkspace.Failure(description: "true failed: \(result.summary)") }
                })
            }
        }
        return samples
    }

    /// Wall milliseconds to prepare a staged gate's snapshot (workspace, index checkout,
    /// hand-over to the gate's uid) and, separately, to remove it again.
    public static func snapshotPreparation(runs: Int, repository: Repository) throws -> [String: [Double]] {
        var samples: [String: [Double]] = ["prepare": [], "remove": []]
        let user = SandboxUser.forUntrustedCode
        for _ in 0..<runs {
            var workspace: GateWorkspace?
            samples["prepare"]!.append(try time {
                let made = try GateWorkspace.make(in: FileManager.default.temporaryDirectory, for: "bench")
                workspace = made
                try IndexCheckout.write(.index, of: repository, to: made.tree)
                if let user { try made.handOver(to: user) }
            })
            samples["remove"]!.append(try time {
                if let problem = workspace?.remove() { throw GateWorkspace.Failure(description: problem) }
            })
        }
        return samples
    }

    private static func time(_ body: () throws -> Void) throws -> Double {
        let start = Clock.now
        try body()
        return Double(Clock.now - start) / 1e6
    }

    private static func spawnDirectly(_ path: String) throws {
        var pid: pid_t = 0
        var argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        defer { free(argv[0]) }
        var environment: [UnsafeMutablePointer<CChar>?] = [nil]
        let result = posix_spawn(&pid, path, nil, nil, &argv, &environment)
        guard result == 0 else { throw GateWorkspace.Failure(description: "posix_spawn: \(String(cString: strerror(result)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
