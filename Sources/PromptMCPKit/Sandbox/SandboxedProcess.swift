import CSandbox
import Foundation

/// Runs one command under a `SandboxRequest` and supervises it to the end: the C side forks,
/// sets the child up and execs (reporting set-up errors through a close-on-exec pipe); this
/// side reads both output pipes within the budget, watches a pidfd, and kills the whole
/// process group at the deadline or as soon as the leader exits, so a backgrounded
/// grandchild that holds the pipes cannot keep the hook waiting.
public enum SandboxedProcess {
    /// Throws `SandboxError` when the command could not be started (nothing of it ran).
    public static func run(_ request: SandboxRequest) throws -> SandboxResult {
        try Interrupts.deferred { interruptFD in
            try run(request, interruptFD: interruptFD)
        }
    }

    static func run(_ request: SandboxRequest, interruptFD: Int32) throws -> SandboxResult {
        let started = Clock.now
        let stdout = try makePipe(request)
        let stderr = try makePipe(request)
        let pid: pid_t
        do {
            defer { close(stdout.write); close(stderr.write) }
            pid = try spawn(request, stdout: stdout.write, stderr: stderr.write)
        } catch {
            close(stdout.read)
            close(stderr.read)
            throw error
        }
        var supervisor = Supervisor(
            pid: pid, pidfd: csandbox_pidfd_open(pid), streams: [stdout.read, stderr.read],
            interruptFD: interruptFD, request: request, started: started
        )
        return supervisor.run()
    }

    private static func makePipe(_ request: SandboxRequest) throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard csandbox_pipe(&fds) == 0 else { throw SandboxError(stage: .start, errorNumber: errno, request: request) }
        return (fds[0], fds[1])
    }

    private static func spawn(_ request: SandboxRequest, stdout: Int32, stderr: Int32) throws -> pid_t {
        let environment = request.environment.map { "\($0.key)=\($0.value)" }.sorted()
        var failure = csandbox_failure()
        let pid = withCStrings(request.candidates) { candidates in
            withCStrings(request.arguments) { arguments in
                withCStrings(environment) { environment in
                    request.workingDirectory.withCString { workdir in
                        var spec = csandbox_spec(
                            candidates: candidates, argv: arguments, envp: environment, workdir: workdir,
                            stdout_fd: stdout, stderr_fd: stderr, limits: request.limits.raw,
                            uid: request.user.map { Int32(bitPattern: $0.uid) } ?? -1,
                            gid: request.user.map { Int32(bitPattern: $0.gid) } ?? -1,
                            isolate_network: request.isolateNetwork ? 1 : 0,
                            isolate_filesystem: 0, new_root: nil, mounts: nil, mount_count: 0
                        )
                        guard let filesystem = request.filesystem else { return csandbox_spawn(&spec, &failure) }
                        return filesystem.newRoot.withCString { root in
                            filesystem.withRaw { mounts, count in
                                (spec.isolate_filesystem, spec.new_root, spec.mounts, spec.mount_count) = (1, root, mounts, count)
                                return csandbox_spawn(&spec, &failure)
                            }
                        }
                    }
                }
            }
        }
        guard pid > 0 else { throw SandboxError(failure, request: request) }
        return pid
    }

    /// A NULL-terminated `char *const *` for the duration of `body`.
    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// Signals that would end promptmcp, held back while a child runs so that it is killed and
/// its folders removed first.
enum Interrupts {
    /// Runs `body` with SIGINT, SIGTERM and SIGHUP deferred: they make the descriptor it gets
    /// readable instead of ending the process. When the outermost deferral ends (after the
    /// clean-up inside `body` ran), a caught signal is raised again, so the process ends as it
    /// would have, only later.
    static func deferred<T>(_ body: (Int32) throws -> T) rethrows -> T {
        let fd = csandbox_interrupts_install()
        defer {
            let signal = csandbox_interrupts_uninstall()
            if signal != 0 { raise(signal) }
        }
        return try body(fd)
    }

    /// The first signal caught since the outermost deferral began, or 0.
    static var caught: Int32 { csandbox_interrupts_caught() }
}

/// Monotonic nanoseconds.
enum Clock {
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }
}
