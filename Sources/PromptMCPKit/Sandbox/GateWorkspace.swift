import CSandbox
import Foundation

/// A gate's private temporary folder: `tree/` (the snapshot), `home/` and `tmp/` (its HOME and
/// TMPDIR, so that what the suite leaves behind goes with the folder). Owned by the gate's uid
/// and mode 0700, so other users cannot look in; removed by `remove()` in every case.
struct GateWorkspace {
    let root: String
    var tree: String { root + "/tree" }
    var home: String { root + "/home" }
    var temporary: String { root + "/tmp" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func make(in folder: URL, for gate: String) throws -> GateWorkspace {
        let safeName = String(gate.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        var template = Array(folder.appendingPathComponent("promptmcp-gate-\(safeName)-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw Failure(description: "cannot create a temporary folder in \(folder.path): \(String(cString: strerror(errno)))")
        }
        let workspace = GateWorkspace(root: String(cString: made))
        for sub in [workspace.tree, workspace.home, workspace.temporary] where mkdir(sub, 0o700) != 0 {
            let reason = String(cString: strerror(errno))
            _ = workspace.remove()
            throw Failure(description: "cannot create \(sub): \(reason)")
        }
        return workspace
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
