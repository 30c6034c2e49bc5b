/// What became of one test gate in a run.
public struct GateResult: Sendable {
    public enum Status: String, Sendable {
        /// Ran and exited 0 within its bounds.
        case passed
        /// Ran and failed: a non-zero exit, a signal, a limit, the timeout.
        case failed
        /// Could not run: command not found, no network isolation, checkout failed.
        case error
        /// Not run: not triggered, the rules already failed, `severity: off`, interrupted.
        case skipped
    }

    public var name: String
    public var status: Status
    /// The outcome in words: "exited with status 0", "killed at the 30 s timeout",
    /// "command not found: 'pytest'", "not triggered: no staged path matches 'when'".
    public var summary: String
    public var severity: Severity
    /// The child's exit, resource use and output, when it ran.
    public var sandbox: SandboxResult?
    /// Time to prepare the snapshot (checkout of the index and hand-over to the gate's uid).
    public var prepareMilliseconds: Double = 0
    /// How it ran: the uid, the snapshot, network isolation; and clean-up problems.
    public var notes: [String] = []

    public var ruleID: String { "tests/\(name)" }
    public var ran: Bool { sandbox != nil }

    /// A failed gate (or one that could not run) as a finding, so that every report format,
    /// including those that know only findings, shows it and the verdict counts it.
    public var finding: Finding? {
        guard status == .failed || status == .error, severity != .off else { return nil }
        let verb = status == .error ? "could not run" : "failed"
        let resources = sandbox.map { " (\($0.usage.summary))" } ?? ""
        return Finding(
            rule: ruleID, severity: severity, file: nil,
            message: "test gate '\(name)' \(verb): \(summary)\(resources)",
            hint: "run `promptmcp test --gate \(name)` to see its output",
            fingerprintText: name
        )
    }
}
