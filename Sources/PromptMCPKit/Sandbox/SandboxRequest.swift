import CSandbox
import Foundation

/// What to run in the sandbox and under which bounds.
public struct SandboxRequest: Sendable {
    /// argv; the first is the program, found through the child's `PATH` unless it holds a `/`.
    public var arguments: [String]
    /// The child's whole environment: nothing of the parent's leaks in unless put here.
    public var environment: [String: String]
    public var workingDirectory: String
    public var limits: SandboxLimits
    /// Wall-clock seconds before the whole process group is killed.
    public var timeout: Double
    /// Run in new user and network namespaces: no route out, not even to the host's 127.0.0.1.
    public var isolateNetwork: Bool
    /// Who the child runs as; nil keeps the caller's uid.
    public var user: SandboxUser?
    /// The sandbox: mount and PID namespaces with this root, and the syscall filter; nil runs
    /// the child in the caller's file system and process tree.
    public var filesystem: SandboxFilesystem?

    public init(arguments: [String], environment: [String: String] = ["PATH": SandboxRequest.defaultPath],
                workingDirectory: String, limits: SandboxLimits = SandboxLimits(), timeout: Double,
                isolateNetwork: Bool = true, user: SandboxUser? = SandboxUser.forUntrustedCode,
                filesystem: SandboxFilesystem? = nil) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.limits = limits
        self.timeout = timeout
        self.isolateNetwork = isolateNetwork
        self.user = user
        self.filesystem = filesystem
    }

    public static let defaultPath = "/usr/local/bin:/usr/bin:/bin"

    /// The paths execve tries, in order: the child searches under its own uid, so a `PATH`
    /// folder it may not enter (root's pyenv shims, say) is skipped as a shell would skip it.
    var candidates: [String] {
        guard let program = arguments.first, !program.isEmpty else { return [] }
        if program.contains("/") { return [program] }
        let path = environment["PATH"] ?? Self.defaultPath
        return path.split(separator: ":", omittingEmptySubsequences: false).map { folder in
            (folder.isEmpty ? "." : String(folder)) + "/" + program
        }
    }
}

/// A uid and gid to run as.
public struct SandboxUser: Sendable, Equatable {
    public var uid: UInt32
    public var gid: UInt32

    public init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
    }

    /// `nobody`: owns no files, and RLIMIT_NPROC binds it (it is ignored for root).
    public static let nobody = SandboxUser(uid: 65534, gid: 65534)

    /// `nobody` when running as root, else nil (keep the caller's uid, which cannot change).
    public static var forUntrustedCode: SandboxUser? { geteuid() == 0 ? .nobody : nil }
}

/// The child could not be started; nothing of the command ran.
public struct SandboxError: Error, Equatable, CustomStringConvertible {
    public enum Stage: Sendable, Equatable {
        case start, session, network, limits, workingDirectory, streams, privileges, exec, watch
        /// The kernel refused the sandbox's namespaces; `mounts`: building its root failed.
        case namespaces, mounts, seccomp
    }

    public var stage: Stage
    public var errorNumber: Int32
    public var description: String

    init(stage: Stage, errorNumber: Int32, request: SandboxRequest, mount: Int = -1) {
        self.stage = stage
        self.errorNumber = errorNumber
        description = Self.describe(stage, errorNumber, request, mount: mount)
    }

    init(_ failure: csandbox_failure, request: SandboxRequest) {
        let stage: Stage
        switch UInt32(bitPattern: failure.stage) {
        case CSANDBOX_STAGE_SESSION.rawValue: stage = .session
        case CSANDBOX_STAGE_NETWORK.rawValue: stage = .network
        case CSANDBOX_STAGE_LIMITS.rawValue: stage = .limits
        case CSANDBOX_STAGE_WORKDIR.rawValue: stage = .workingDirectory
        case CSANDBOX_STAGE_STREAMS.rawValue: stage = .streams
        case CSANDBOX_STAGE_PRIVILEGES.rawValue: stage = .privileges
        case CSANDBOX_STAGE_EXEC.rawValue: stage = .exec
        case CSANDBOX_STAGE_NAMESPACES.rawValue: stage = .namespaces
        case CSANDBOX_STAGE_MOUNTS.rawValue: stage = .mounts
        case CSANDBOX_STAGE_SECCOMP.rawValue: stage = .seccomp
        default: stage = .start
        }
        self.init(stage: stage, errorNumber: Self.clarified(stage, failure.error, request), request: request, mount: Int(failure.detail))
    }

    /// The child searches PATH as the gate's uid, so a folder it may not enter (root's
    /// ~/.pyenv/shims) answers EACCES even for a program that is nowhere: "not found" then,
    /// unless the program does exist in such a folder.
    private static func clarified(_ stage: Stage, _ number: Int32, _ request: SandboxRequest) -> Int32 {
        guard stage == .exec, number == EACCES else { return number }
        return request.candidates.contains { FileManager.default.fileExists(atPath: $0) } ? EACCES : ENOENT
    }

    private static func describe(_ stage: Stage, _ number: Int32, _ request: SandboxRequest, mount: Int) -> String {
        let reason = String(cString: strerror(number))
        let program = request.arguments.first ?? ""
        let who = request.user.map { " as uid \($0.uid)" } ?? ""
        switch stage {
        case .exec where number == ENOENT:
            let searched = program.contains("/") ? "" : " (searched PATH: \(request.environment["PATH"] ?? SandboxRequest.defaultPath))"
            return "command not found: '\(program)'\(searched)"
        case .exec where number == EACCES:
            let found = request.candidates.first { FileManager.default.fileExists(atPath: $0) } ?? program
            return "permission denied running '\(found)'\(who): it, or a folder on its path, is not readable and executable for that user"
        case .exec: return "cannot run '\(program)': \(reason)"
        case .network:
            return "network isolation unavailable: \(reason); 'network: false' needs user and network namespaces "
                + "(enable unprivileged user namespaces, or set 'network: true' for this gate to run it unisolated)"
        case .namespaces:
            return "sandbox unavailable: the kernel refused new mount and PID namespaces (\(reason)); the sandbox needs them "
                + "(as root, or through unprivileged user namespaces: sysctl user.max_user_namespaces, kernel.unprivileged_userns_clone), "
                + "or set 'sandbox: false' for this gate to run it outside the sandbox"
        case .mounts:
            return "sandbox unavailable: cannot mount \(request.filesystem?.describe(mount) ?? "the root") in the gate's root: \(reason)"
        case .seccomp: return "sandbox unavailable: cannot install the system-call filter: \(reason)"
        case .workingDirectory: return "cannot enter the working directory \(request.workingDirectory)\(who): \(reason)"
        case .limits: return "cannot apply the resource limits: \(reason)"
        case .privileges: return "cannot switch to uid \(request.user?.uid ?? 0): \(reason)"
        case .session: return "cannot start a new session: \(reason)"
        case .streams: return "cannot redirect the standard streams: \(reason)"
        case .start: return "cannot start a process: \(reason)"
        case .watch: return "cannot watch the process: \(reason)"
        }
    }
}
