import Foundation

/// Runs test gates: for each, a private workspace with a snapshot of the change, the gate's
/// command in the sandbox, and the workspace removed afterwards (also on timeout and when
/// promptmcp is interrupted: the interrupt is deferred until every folder is gone, then
/// raised again).
public struct GateRunner {
    public let repository: Repository
    /// The snapshot a `staged` gate sees: the index, or a commit's tree for `check --commit`.
    public var source: IndexCheckout.Source = .index
    /// The caller's environment: the source of `PATH` and of the variables gates allow through.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Where workspaces are made.
    public var temporaryFolder: URL = FileManager.default.temporaryDirectory
    /// The uid gates run as: `nobody` when promptmcp runs as root, else the caller's own.
    public var user: SandboxUser? = .forUntrustedCode

    public init(repository: Repository) {
        self.repository = repository
    }

    /// Runs `gates` in order. With `changedPaths`, a gate runs only if one of them matches its
    /// `when`; nil runs every gate (`promptmcp test`). When `rulesFailed`, only gates with
    /// `run_after_failures` run.
    public func run(_ gates: [TestGate], changedPaths: [String]?, rulesFailed: Bool = false) -> [GateResult] {
        Interrupts.deferred { interruptFD in
            gates.map { gate in
                if let reason = skipReason(gate, changedPaths: changedPaths, rulesFailed: rulesFailed) {
                    return GateResult(name: gate.name, status: .skipped, summary: reason, severity: gate.severity)
                }
                return run(gate, interruptFD: interruptFD)
            }
        }
    }

    private func skipReason(_ gate: TestGate, changedPaths: [String]?, rulesFailed: Bool) -> String? {
        if Interrupts.caught != 0 { return "not run: promptmcp was interrupted" }
        if gate.severity == .off { return "not run: severity is off" }
        if let changedPaths, !gate.isTriggered(by: changedPaths) {
            return "not triggered: no changed path matches \(gate.when.map { "'\($0.pattern)'" }.joined(separator: ", "))"
        }
        if rulesFailed, !gate.runAfterFailures { return "not run: the rules already failed (set run_after_failures to run it anyway)" }
        return nil
    }

    private func run(_ gate: TestGate, interruptFD: Int32) -> GateResult {
        var result = GateResult(name: gate.name, status: .error, summary: "", severity: gate.severity)
        let started = Clock.now
        let workspace: GateWorkspace
        do {
            workspace = try GateWorkspace.make(in: temporaryFolder, for: gate.name)
        } catch {
            result.summary = "\(error)"
            return result
        }
        defer { if let problem = workspace.remove() { result.notes.append(problem) } }
        do {
            let request = try prepare(gate, in: workspace)
            result.prepareMilliseconds = Double(Clock.now - started) / 1e6
            result.notes += Self.describe(request, gate: gate)
            guard Interrupts.caught == 0 else {
                (result.status, result.summary) = (.skipped, "not run: promptmcp was interrupted")
                return result
            }
            let outcome = try SandboxedProcess.run(request, interruptFD: interruptFD)
            result.sandbox = outcome
            result.summary = outcome.summary
            result.status = outcome.stop == .interrupted ? .skipped : outcome.succeeded ? .passed : .failed
        } catch {
            result.summary = "\(error)"
        }
        return result
    }

    /// Makes the snapshot and the request: where the command runs, as whom, with what.
    private func prepare(_ gate: TestGate, in workspace: GateWorkspace) throws -> SandboxRequest {
        let root: String
        switch gate.snapshot {
        case .staged:
            try IndexCheckout.write(source, of: repository, to: workspace.tree)
            root = workspace.tree
        case .worktree:
            let path = String(repository.workDirectory.dropLast(repository.workDirectory.hasSuffix("/") ? 1 : 0))
            // The real path: the sandbox mounts it at the same path inside.
            root = GateWorkspace.realPath(path)
        }
        if let user { try workspace.handOver(to: user) }
        return SandboxRequest(
            arguments: gate.command.argv, environment: childEnvironment(gate, workspace),
            workingDirectory: try workingDirectory(gate, root: root),
            limits: gate.effectiveLimits(user: user), timeout: gate.timeoutSeconds,
            isolateNetwork: !gate.network, user: user, filesystem: filesystem(gate, workspace, root: root)
        )
    }

    /// What a sandboxed gate sees: the system read-only, its snapshot, HOME and /tmp; in a
    /// work-tree snapshot, the repository's `.git` is hidden.
    private func filesystem(_ gate: TestGate, _ workspace: GateWorkspace, root: String) -> SandboxFilesystem? {
        guard gate.sandbox else { return nil }
        let dotGit = root + "/.git"
        let masked = gate.snapshot == .worktree && FileManager.default.fileExists(atPath: dotGit) ? [dotGit] : []
        return .gate(newRoot: workspace.sandboxRoot, temporary: workspace.temporary, writable: [workspace.home, root], masked: masked)
    }

    private func workingDirectory(_ gate: TestGate, root: String) throws -> String {
        guard let workdir = gate.workdir, !workdir.isEmpty, workdir != "." else { return root }
        let parts = workdir.split(separator: "/")
        guard !workdir.hasPrefix("/"), !parts.contains("..") else {
            throw GateWorkspace.Failure(description: "workdir '\(workdir)' must be a relative path inside the repository")
        }
        return root + "/" + parts.joined(separator: "/")
    }

    /// Only what the gate needs and what the policy lets through: a suite must not see the
    /// caller's tokens (GITHUB_TOKEN, cloud keys) unless the policy names them.
    func childEnvironment(_ gate: TestGate, _ workspace: GateWorkspace) -> [String: String] {
        var child = [
            "PATH": environment["PATH"] ?? SandboxRequest.defaultPath,
            // In the sandbox, the workspace's tmp/ is /tmp.
            "HOME": workspace.home, "TMPDIR": gate.sandbox ? "/tmp" : workspace.temporary,
            "LANG": "C.UTF-8", "PROMPTMCP_GATE": gate.name,
        ]
        for entry in gate.environment {
            if let equals = entry.firstIndex(of: "=") {
                child[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
            } else if let value = environment[entry] {
                child[entry] = value
            }
        }
        return child
    }

    private static func describe(_ request: SandboxRequest, gate: TestGate) -> [String] {
        let who = request.user.map { "uid \($0.uid)" } ?? "the caller's uid"
        let snapshot = gate.snapshot == .staged ? "a checkout of the staged snapshot" : "the work tree"
        let network = request.isolateNetwork ? "no network" : "network allowed"
        let sandbox = request.filesystem == nil ? "not sandboxed" : "sandboxed"
        return ["ran as \(who) in \(snapshot), \(network), \(sandbox)"]
    }
}
