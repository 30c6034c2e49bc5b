import CSandbox
import Foundation

/// A gate's private temporary folder: `tree/` (the snapshot), `home/` and `tmp/` (its HOME and
/// its /tmp, so that what the suite leaves behind goes with the folder), and `root/`, where the
/// sandbox builds the gate's root (in the gate's mount namespace only: empty outside). Owned by
/// the gate's uid and mode 0700, so other users cannot look in; removed by `remove()` in every case.
struct GateWorkspace {
    let root: String
    var tree: String { root + "/tree" }
    var home: String { root + "/home" }
    var temporary: String { root + "/tmp" }
    var sandboxRoot: String { root + "/root" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func make(in folder: URL, for gate: String) throws -> GateWorkspace {
        let safeName = String(gate.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        var template = Array(folder.appendingPathComponent("promptmcp-gate-\(safeName)-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(description: "cannot create a temporary folder in \(folder.path): \(String(cString: strerror(errno)))")
        }
        // The real path: the sandbox mounts these folders at the same paths inside.
        let workspace = GateWorkspace(root: realPath(String(cString: made)))
        for sub in [workspace.tree, workspace.home, workspace.temporary, workspace.sandboxRoot] where mkdir(sub, 0o700) != 0 {
            let reason = String(cString: strerror(errno))
            _ = workspace.remove()
            throw Failure(description: "cannot create \(sub): \(reason)")
        }
        return workspace
    }

    /// `path` with symlinks resolved (itself when it cannot be resolved).
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Gives the whole folder to the uid the gate runs as, so that a suite that writes build
    /// output or caches next to its sources works as it does for its owner.
    func handOver(to user: SandboxUser) throws {
        guard csandbox_chown_tree(root, Int32(bitPattern: user.uid), Int32(bitPattern: user.gid)) == 0 else {
            throw Failure(description: "cannot hand \(root) over to uid \(user.uid): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes the folder; returns a note when something could not be removed.
    func remove() -> String? {
        guard csandbox_remove_tree(root) != 0 else { return nil }
        return "could not remove the temporary folder \(root): \(String(cString: strerror(errno)))"
    }
}
