import Foundation

/// The poll loop around one started child. It owns the child's pid, its pidfd and the read
/// ends of its pipes, and closes them all before `run` returns.
struct Supervisor {
    let pid: pid_t
    /// -1 on kernels without pidfd_open (before 5.3): the leader is then checked every 10 ms.
    let pidfd: Int32
    /// Read ends still open; -1 once closed.
    var streams: [Int32]
    let interruptFD: Int32
    let request: SandboxRequest
    let started: UInt64

    private var output: CapturedOutput
    private var stop: SandboxResult.Stop?
    private var status: Int32?
    private var usage = rusage()
    private var endedAt: UInt64?
    private var killedAt: UInt64?
    private var drainUntil: UInt64?
    private var outputHeldOpen = false
    private var abandoned = false

    /// After the leader exits and the group is killed, how long dying processes get to close
    /// the pipes; one that left the group (setsid) may keep them open, and is not waited for.
    static let drainGrace: UInt64 = 250_000_000
    /// How long a killed leader gets to die before the supervisor stops waiting (a process
    /// stuck in the kernel, on a dead NFS mount say, cannot be killed).
    static let killGrace: UInt64 = 2_000_000_000

    init(pid: pid_t, pidfd: Int32, streams: [Int32], interruptFD: Int32, request: SandboxRequest, started: UInt64) {
        self.pid = pid
        self.pidfd = pidfd
        self.streams = streams
        self.interruptFD = interruptFD
        self.request = request
        self.started = started
        output = CapturedOutput(limit: request.limits.outputBytes)
    }

    /// Capped at a year, so that no timeout a caller passes can overflow the conversion.
    private var deadline: UInt64 { started + UInt64(min(max(0, request.timeout), 31_536_000) * 1_000_000_000) }
    private var finished: Bool {
        abandoned || (status != nil && (outputHeldOpen || streams.allSatisfy { $0 < 0 }))
    }

    mutating func run() -> SandboxResult {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while !finished {
            var fds = pollSet()
            if poll(&fds, nfds_t(fds.count), pollTimeout()) > 0 { handle(fds, buffer) }
            if status == nil, pidfd < 0, leaderHasExited() { leaderExited() }
            checkClock()
        }
        for fd in streams + [pidfd] where fd >= 0 { close(fd) }
        // Anything forked between the first kill and the leader's end goes too.
        _ = kill(-pid, SIGKILL)
        return result
    }

    private func pollSet() -> [pollfd] {
        var fds = streams.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        fds.append(pollfd(fd: status == nil ? pidfd : -1, events: Int16(POLLIN), revents: 0))
        // Level-triggered and never drained: once acted on, it is left out.
        fds.append(pollfd(fd: stop == .interrupted ? -1 : interruptFD, events: Int16(POLLIN), revents: 0))
        return fds
    }

    /// Milliseconds until the next thing the clock decides.
    private func pollTimeout() -> Int32 {
        var wake: [UInt64] = []
        if status == nil {
            wake.append(killedAt.map { $0 + Self.killGrace } ?? deadline)
            if pidfd < 0 { wake.append(Clock.now + 10_000_000) }
        }
        if let drainUntil { wake.append(drainUntil) }
        guard let next = wake.min() else { return -1 }
        let now = Clock.now
        return next <= now ? 0 : Int32(min((next - now + 999_999) / 1_000_000, 60_000))
    }

    private mutating func handle(_ fds: [pollfd], _ buffer: UnsafeMutableRawBufferPointer) {
        let ready = Int16(POLLIN | POLLHUP | POLLERR)
        for (index, fd) in fds.enumerated() where fd.fd >= 0 && fd.revents & ready != 0 {
            switch index {
            case ..<streams.count: read(stream: index, into: buffer)
            case streams.count: leaderExited()
            default: stopChild(.interrupted)
            }
        }
    }

    private mutating func read(stream index: Int, into buffer: UnsafeMutableRawBufferPointer) {
        let count = Glibc.read(streams[index], buffer.baseAddress, buffer.count)
        if count > 0 {
            output.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            if output.totalBytes > request.limits.floodBytes { stopChild(.outputFlood) }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            close(streams[index])
            streams[index] = -1
        }
    }

    private func leaderHasExited() -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info._sifields._sigchld.si_pid == pid
    }

    /// Kills the group while the leader is still a zombie, so its id cannot have been reused,
    /// then reaps the leader for its status and resource use.
    private mutating func leaderExited() {
        killGroup()
        var raw: Int32 = 0
        while wait4(pid, &raw, 0, &usage) < 0 && errno == EINTR {}
        status = raw
        endedAt = Clock.now
        drainUntil = Clock.now + Self.drainGrace
    }

    private mutating func stopChild(_ reason: SandboxResult.Stop) {
        if stop == nil || reason == .interrupted { stop = reason }
        killGroup()
    }

    private mutating func killGroup() {
        _ = kill(-pid, SIGKILL)
        if killedAt == nil { killedAt = Clock.now }
    }

    private mutating func checkClock() {
        let now = Clock.now
        if status == nil {
            if killedAt == nil, now >= deadline { stopChild(.timeout) }
            if let killedAt, now >= killedAt + Self.killGrace { abandoned = true }
        } else if let drainUntil, now >= drainUntil, streams.contains(where: { $0 >= 0 }) {
            outputHeldOpen = true
        }
    }

    private var result: SandboxResult {
        let raw = status ?? (SIGKILL)
        let termination: SandboxResult.Termination = raw & 0x7F == 0 ? .exited((raw >> 8) & 0xFF) : .signalled(raw & 0x7F)
        let wall = Double((endedAt ?? Clock.now) - started) / 1e9
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return SandboxResult(
            termination: termination, stop: stop,
            usage: ResourceUsage(wallSeconds: wall, userSeconds: seconds(usage.ru_utime),
                                 systemSeconds: seconds(usage.ru_stime), peakRSSBytes: usage.ru_maxrss * 1024),
            output: output, outputHeldOpen: outputHeldOpen, limits: request.limits, timeout: request.timeout
        )
    }
}
