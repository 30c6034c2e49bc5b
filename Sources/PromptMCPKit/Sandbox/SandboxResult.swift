import Foundation

/// How a sandboxed run ended, what it used, and what it printed.
public struct SandboxResult: Sendable {
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Why the supervisor stopped the child, when it did.
    public enum Stop: String, Sendable {
        case timeout, outputFlood, interrupted
    }

    public var termination: Termination
    public var stop: Stop?
    public var usage: ResourceUsage
    public var output: CapturedOutput
    /// A process that left the gate's process group (it called setsid) kept the output pipes
    /// open after the group was killed; the supervisor stopped waiting for it.
    public var outputHeldOpen: Bool
    /// The bounds it ran under, for the words below.
    public var limits: SandboxLimits
    public var timeout: Double

    public var succeeded: Bool { termination == .exited(0) && stop == nil }

    /// The outcome in words: "exited with status 1", "CPU limit reached (2 s)",
    /// "killed at the 30 s timeout; output over 1 MiB, truncated".
    public var summary: String {
        var phrases: [String] = []
        switch stop {
        case .timeout?: phrases.append("killed at the \(Words.seconds(timeout)) timeout")
        case .outputFlood?: phrases.append("stopped after \(Words.bytes(limits.floodBytes)) of output")
        case .interrupted?: phrases.append("stopped: promptmcp was interrupted")
        case nil: break
        }
        if let limit = limitReached {
            phrases.append(limit)
        } else if stop == nil {
            phrases.append(terminationWords)
        }
        if output.truncated { phrases.append("output over \(Words.bytes(limits.outputBytes)), truncated") }
        if outputHeldOpen { phrases.append("a process that left the gate's process group kept its output open and was not waited for") }
        return phrases.joined(separator: "; ")
    }

    public var terminationWords: String {
        switch termination {
        case .exited(let status): return "exited with status \(status)"
        case .signalled(let signal): return "killed by \(Self.signalName(signal))"
        }
    }

    /// Which limit ended the run, judged from the signal, the CPU time used, or what the
    /// child printed (a runtime that fails an allocation exits with its own status, not a signal).
    var limitReached: String? {
        guard !succeeded else { return nil }
        let cpu = usage.userSeconds + usage.systemSeconds
        if let seconds = limits.cpuSeconds,
           diedOf(SIGXCPU) || (termination == .signalled(SIGKILL) && stop == nil && cpu >= Double(seconds)) {
            return "CPU limit reached (\(seconds) s)"
        }
        let text = output.text
        if let size = limits.fileSizeBytes, diedOf(SIGXFSZ) || text.contains("File too large") {
            return "file size limit reached (\(Words.bytes(size)))"
        }
        if let size = limits.addressSpaceBytes ?? limits.dataBytes, Self.memoryNeedles.contains(where: text.contains) {
            return "memory limit reached (\(Words.bytes(size)))"
        }
        if let count = limits.processes, Self.processNeedles.contains(where: text.contains) {
            return "process limit reached (\(count))"
        }
        return nil
    }

    /// Killed by the signal, or a shell reporting that its command was (status 128 + n).
    private func diedOf(_ signal: Int32) -> Bool {
        termination == .signalled(signal) || termination == .exited(128 + signal)
    }

    private static let memoryNeedles = [
        "MemoryError", "Cannot allocate memory", "out of memory", "bad_alloc", "memory allocation of", "failed to allocate",
    ]
    private static let processNeedles = ["Cannot fork", "fork: Resource temporarily unavailable", "fork failed", "can't fork"]

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGABRT: "SIGABRT",
            SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE",
            SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ",
        ]
        return names[signal].map { "\($0) (signal \(signal))" } ?? "signal \(signal)"
    }
}

/// Time and memory a run used. CPU times and peak RSS come from wait4, so they cover the
/// leader and the children it waited for, not descendants killed after it exited.
public struct ResourceUsage: Sendable, Equatable {
    public var wallSeconds: Double
    public var userSeconds: Double
    public var systemSeconds: Double
    public var peakRSSBytes: Int

    public var summary: String {
        String(format: "%.2f s wall, %.2f s user + %.2f s system CPU, peak RSS ", wallSeconds, userSeconds, systemSeconds)
            + Words.bytes(peakRSSBytes)
    }
}
