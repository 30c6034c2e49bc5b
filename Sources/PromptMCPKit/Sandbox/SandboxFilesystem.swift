import CSandbox
import Foundation

/// The root a sandboxed child sees, built in a new mount namespace on a tmpfs: the system
/// folders read-only, a private `/dev`, `/proc` and `/tmp`, and the few folders of its own it
/// may write to. Nothing else of the machine is there: no home folders, no other repository,
/// no `.git`.
public struct SandboxFilesystem: Sendable, Equatable {
    public enum Mount: Sendable, Equatable {
        /// `source` (a folder or a file) at `target`.
        case bind(source: String, target: String, writable: Bool)
        /// A symlink at `target` with this text (merged /usr: `/bin -> usr/bin`).
        case symlink(target: String, text: String)
        /// An empty tmpfs: a scratch folder, or a mask over a folder that must not be seen.
        case tmpfs(target: String, writable: Bool)
        /// A proc of the child's own PID namespace: it shows only the gate's processes.
        case proc(target: String)
    }

    /// An empty folder of the caller's where the root is built (in the child's namespace only).
    public var newRoot: String
    public var mounts: [Mount]

    public init(newRoot: String, mounts: [Mount]) {
        self.newRoot = newRoot
        self.mounts = mounts
    }

    /// Top-level folders a program needs to run: its binaries, libraries and configuration.
    /// `/opt` holds toolchains installed outside the package manager (Swift, here).
    public static let systemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"]
    static let devices = ["null", "zero", "full", "random", "urandom", "tty"]

    /// The system folders read-only (as symlinks where they are symlinks), `/dev` with the
    /// harmless devices only, `/proc`, and `temporary` as `/tmp`; then `readOnly` and `writable` folders, each
    /// at its own path, and `masked` paths hidden (a folder shows empty, a file as /dev/null).
    public static func gate(newRoot: String, temporary: String, writable: [String], readOnly: [String] = [],
                            masked: [String] = []) -> SandboxFilesystem {
        var mounts: [Mount] = []
        for folder in systemFolders {
            if let text = try? FileManager.default.destinationOfSymbolicLink(atPath: folder) {
                mounts.append(.symlink(target: folder, text: text))
            } else if FileManager.default.fileExists(atPath: folder) {
                mounts.append(.bind(source: folder, target: folder, writable: false))
            }
        }
        mounts.append(.tmpfs(target: "/dev", writable: true))
        mounts += devices.map { .bind(source: "/dev/\($0)", target: "/dev/\($0)", writable: true) }
        mounts += [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")]
            .map { .symlink(target: "/dev/\($0.0)", text: $0.1) }
        mounts += [.tmpfs(target: "/dev/shm", writable: true), .proc(target: "/proc")]
        // /tmp first: a folder that lives under /tmp (a workspace, a clone in /tmp) gets its mount
        // point inside it rather than under it.
        mounts.append(.bind(source: temporary, target: "/tmp", writable: true))
        mounts += readOnly.filter { FileManager.default.fileExists(atPath: $0) }.map { .bind(source: $0, target: $0, writable: false) }
        mounts += writable.map { .bind(source: $0, target: $0, writable: true) }
        // A folder under an empty tmpfs; a file (a linked work tree's .git) under /dev/null.
        mounts += masked.map { path in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            return isFolder.boolValue ? .tmpfs(target: path, writable: false) : .bind(source: "/dev/null", target: path, writable: false)
        }
        return SandboxFilesystem(newRoot: newRoot, mounts: mounts)
    }

    /// The C side's array, valid during `body`.
    func withRaw<T>(_ body: (UnsafePointer<csandbox_mount>, Int32) -> T) -> T {
        var strings: [UnsafeMutablePointer<CChar>?] = []
        defer { strings.forEach { free($0) } }
        func keep(_ text: String) -> UnsafePointer<CChar>? {
            strings.append(strdup(text))
            return UnsafePointer(strings.last!)
        }
        let raw = mounts.map { mount -> csandbox_mount in
            switch mount {
            case .bind(let source, let target, let writable):
                return csandbox_mount(kind: Int32(CSANDBOX_MOUNT_BIND.rawValue), source: keep(source), target: keep(target), writable: writable ? 1 : 0)
            case .symlink(let target, let text):
                return csandbox_mount(kind: Int32(CSANDBOX_MOUNT_SYMLINK.rawValue), source: keep(text), target: keep(target), writable: 0)
            case .tmpfs(let target, let writable):
                return csandbox_mount(kind: Int32(CSANDBOX_MOUNT_TMPFS.rawValue), source: nil, target: keep(target), writable: writable ? 1 : 0)
            case .proc(let target):
                return csandbox_mount(kind: Int32(CSANDBOX_MOUNT_PROC.rawValue), source: nil, target: keep(target), writable: 0)
            }
        }
        return raw.withUnsafeBufferPointer { body($0.baseAddress!, Int32($0.count)) }
    }

    /// A mount in words, for an error about it.
    func describe(_ index: Int) -> String {
        guard mounts.indices.contains(index) else { return "the root tmpfs at \(newRoot)" }
        switch mounts[index] {
        case .bind(let source, let target, _): return source == target ? source : "\(source) at \(target)"
        case .symlink(let target, let text): return "the symlink \(target) -> \(text)"
        case .tmpfs(let target, _): return "a tmpfs at \(target)"
        case .proc(let target): return "proc at \(target)"
        }
    }
}
