/// One entry of the policy's `tests:`: a command that must pass before a change is accepted,
/// run in the sandbox on a snapshot of the change.
public struct TestGate: Sendable {
    public enum Command: Sendable, Equatable {
        /// argv, run without a shell.
        case arguments([String])
        /// A shell command line, run with `/bin/sh -c`.
        case shell(String)

        public var argv: [String] {
            switch self {
            case .arguments(let arguments): return arguments
            case .shell(let line): return ["/bin/sh", "-c", line]
            }
        }
    }

    /// Which files the gate sees.
    public enum Snapshot: String, Sendable {
        /// The index, checked out into a temporary folder: what `git commit` would record,
        /// without the unstaged edits in the work tree, which is never touched.
        case staged
        /// The work tree as it is, unstaged edits included (faster, but judges what is not committed).
        case worktree
    }

    public var name: String
    public var command: Command
    /// Path globs that trigger the gate; empty means every change does.
    public var when: [Glob] = []
    public var timeoutSeconds: Double = TestGate.defaultTimeout
    /// Limits the policy set; `effectiveLimits` adds the defaults.
    public var limits = SandboxLimits()
    /// Network access; off by default (new user and network namespaces).
    public var network = false
    /// Mount and PID namespaces and the syscall filter (docs/test-gates.md); on by default. A
    /// gate that asks for them fails when the kernel refuses them: it never runs unsandboxed.
    public var sandbox = true
    /// `NAME` passes the caller's value of NAME; `NAME=value` sets one.
    public var environment: [String] = []
    /// Relative to the snapshot's root.
    public var workdir: String?
    public var snapshot = Snapshot.staged
    /// `error` fails the check when the gate fails; `warning` only reports; `off` skips it.
    public var severity = Severity.error
    /// Run even when the rules already found errors (by default the gate is skipped then:
    /// the change fails anyway, and the hook answers sooner).
    public var runAfterFailures = false
    public var location: SourceLocation?

    public init(name: String, command: Command) {
        self.name = name
        self.command = command
    }

    public static let defaultTimeout = 600.0
    /// Used when the gate runs as `nobody` and the policy sets no `processes` limit. Not
    /// applied to a caller's own uid: RLIMIT_NPROC counts all of that user's processes, and a
    /// desktop session may already have more.
    public static let defaultProcessesForNobody = 1024
    /// Used when the policy sets no `file_size`.
    public static let defaultFileSize = 1 << 30

    /// The rule id its findings carry, so every report format shows a failed gate.
    public var ruleID: String { "tests/\(name)" }

    /// Whether a change touching `paths` (old and new paths of renames) triggers the gate.
    public func isTriggered(by paths: [String]) -> Bool {
        guard !when.isEmpty else { return true }
        return paths.contains { path in
            let components = Glob.components(path)
            return when.contains { $0.matches(components: components) }
        }
    }

    /// The policy's limits with the defaults filled in, for a child running as `user`.
    public func effectiveLimits(user: SandboxUser?) -> SandboxLimits {
        var limits = self.limits
        if limits.fileSizeBytes == nil { limits.fileSizeBytes = Self.defaultFileSize }
        if limits.processes == nil, user != nil { limits.processes = Self.defaultProcessesForNobody }
        return limits
    }
}
