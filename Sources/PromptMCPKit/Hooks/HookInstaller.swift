import Foundation

/// Puts the shims into a repository's hooks folder and takes them out again. A hook that is
/// already there is never overwritten: it is moved aside and chained (ours runs it first), and
/// `uninstall` puts it back.
public struct HookInstaller {
    public let hooksDirectory: String

    public enum Action: Equatable, Sendable, CustomStringConvertible {
        case installed(String)
        case updated(String)
        case chained(String, existing: String)
        case removed(String)
        case restored(String, from: String)
        case leftAlone(String, reason: String)

        public var description: String {
            switch self {
            case .installed(let path): return "installed \(path)"
            case .updated(let path): return "updated \(path)"
            case .chained(let path, let existing): return "installed \(path); the hook that was there is kept as \(existing) and runs first"
            case .removed(let path): return "removed \(path)"
            case .restored(let path, let from): return "restored \(path) from \(from)"
            case .leftAlone(let path, let reason): return "left \(path) alone: \(reason)"
            }
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case bothHooksPresent(String, String)
        case fileSystem(String, underlying: String)

        public var description: String {
            switch self {
            case .bothHooksPresent(let hook, let chained):
                return "\(hook) is not promptmcp's and \(chained) exists too; merge them by hand, remove one, then run promptmcp install again"
            case .fileSystem(let path, let underlying):
                return "cannot write \(path): \(underlying)"
            }
        }
    }

    public init(hooksDirectory: String) { self.hooksDirectory = hooksDirectory }

    /// The folder git runs hooks from: `core.hooksPath` when set (relative to the work tree root,
    /// as git reads it), otherwise `hooks/` in the common git folder (shared by all worktrees).
    public init(repository: Repository) {
        if let configured = repository.configString("core.hooksPath") {
            let expanded = NSString(string: configured).expandingTildeInPath
            hooksDirectory = expanded.hasPrefix("/") ? expanded : repository.workDirectory + expanded
        } else {
            hooksDirectory = repository.commonDirectory + "hooks"
        }
    }

    public func install(_ hooks: [String] = HookScript.supported) throws -> [Action] {
        try perform { try FileManager.default.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true) }
        return try hooks.map(install)
    }

    public func uninstall(_ hooks: [String] = HookScript.supported) throws -> [Action] {
        try hooks.compactMap(uninstall)
    }

    private func install(_ hook: String) throws -> Action {
        let path = self.path(hook)
        let chained = path + HookScript.chainedSuffix
        var action = Action.installed(path)
        if exists(path) {
            if isOurs(path) {
                action = .updated(path)
            } else {
                guard !exists(chained) else { throw Failure.bothHooksPresent(path, chained) }
                try perform { try FileManager.default.moveItem(atPath: path, toPath: chained) }
                action = .chained(path, existing: chained)
            }
        }
        try perform {
            try HookScript.text(for: hook).write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return action
    }

    private func uninstall(_ hook: String) throws -> Action? {
        let path = self.path(hook)
        let chained = path + HookScript.chainedSuffix
        guard exists(path) else { return nil }
        guard isOurs(path) else { return .leftAlone(path, reason: "it is not promptmcp's hook") }
        try perform { try FileManager.default.removeItem(atPath: path) }
        guard exists(chained) else { return .removed(path) }
        try perform { try FileManager.default.moveItem(atPath: chained, toPath: path) }
        return .restored(path, from: chained)
    }

    private func path(_ hook: String) -> String { hooksDirectory + "/" + hook }

    /// True for files and for symbolic links, even dangling ones.
    private func exists(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil
    }

    private func isOurs(_ path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return text.contains(HookScript.marker)
    }

    private func perform(_ body: () throws -> Void) throws {
        do { try body() } catch {
            throw Failure.fileSystem(hooksDirectory, underlying: (error as NSError).localizedDescription)
        }
    }
}
