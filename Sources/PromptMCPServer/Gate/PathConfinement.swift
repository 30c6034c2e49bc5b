import Foundation

/// Keeps every path an agent names inside the repository's work tree.
///
/// A path is taken relative to the repository root (or absolute, inside it), normalised
/// lexically (`.` and `..`), and refused when `..` climbs above the root, when it names the git
/// folder (`.git` anywhere in it: hooks there run code), or when a symbolic link on its way
/// leads outside the repository. What comes back is the normalised repository-relative path.
struct PathConfinement: Sendable {
    /// The work tree as given (libgit2's, without the trailing slash) and with symlinks resolved.
    let root: String
    let realRoot: String
    static let maxPathBytes = 4096

    init(workDirectory: String) {
        root = workDirectory.hasSuffix("/") ? String(workDirectory.dropLast()) : workDirectory
        realRoot = Self.realPath(root) ?? root
    }

    func resolve(_ raw: String, argument: String) throws -> String {
        guard !raw.isEmpty else { throw ToolFailure.invalid("\(argument): the path is empty") }
        guard raw.utf8.count <= Self.maxPathBytes, !raw.utf8.contains(0) else {
            throw ToolFailure.invalid("\(argument): not a usable path (over \(Self.maxPathBytes) bytes, or with a NUL byte)")
        }
        let relative = try relativePart(raw, argument: argument)
        guard let components = Self.normalised(relative) else {
            throw refusal(raw, argument, "it climbs out of the repository with '..'")
        }
        guard !components.isEmpty else { throw ToolFailure.invalid("\(argument): '\(raw)' is the repository root, not a file") }
        if components.contains(where: { $0.lowercased() == ".git" }) {
            throw refusal(raw, argument, "it is inside the git folder, which no tool may touch")
        }
        try checkSymlinks(components, raw: raw, argument: argument)
        return components.joined(separator: "/")
    }

    /// An absolute path must lie inside the root (as given or resolved); a relative one is
    /// relative to the root, whatever the server's current directory.
    private func relativePart(_ raw: String, argument: String) throws -> String {
        guard raw.hasPrefix("/") else { return raw }
        let lexical = "/" + (Self.normalised(raw) ?? []).joined(separator: "/")
        for base in [root, realRoot] where lexical.hasPrefix(base + "/") {
            return String(lexical.dropFirst(base.count + 1))
        }
        throw refusal(raw, argument, "it is outside the repository (\(root))")
    }

    /// The deepest part of the path that exists is resolved with realpath, which follows every
    /// symbolic link on the way; it must still be inside the repository.
    private func checkSymlinks(_ components: [String], raw: String, argument: String) throws {
        for count in stride(from: components.count, through: 1, by: -1) {
            let candidate = realRoot + "/" + components.prefix(count).joined(separator: "/")
            var status = stat()
            guard lstat(candidate, &status) == 0 else { continue }
            let resolved = Self.realPath(candidate) ?? danglingTarget(candidate)
            guard let resolved, resolved == realRoot || resolved.hasPrefix(realRoot + "/") else {
                throw refusal(raw, argument, "a symbolic link on its way leads outside the repository" + (resolved.map { " (to \($0))" } ?? ""))
            }
            if resolved == realRoot || resolved.hasPrefix(realRoot + "/.git/") || resolved == realRoot + "/.git" {
                throw refusal(raw, argument, "a symbolic link on its way leads into the git folder or the root")
            }
            return
        }
    }

    /// Where a broken symbolic link points, worked out without the file system.
    private func danglingTarget(_ link: String) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let joined = target.hasPrefix("/") ? target : (link as NSString).deletingLastPathComponent + "/" + target
        return Self.normalised(joined).map { "/" + $0.joined(separator: "/") }
    }

    private func refusal(_ raw: String, _ argument: String, _ reason: String) -> ToolFailure {
        .refused("\(argument): '\(raw)' is refused: \(reason)")
    }

    /// Components without `.` and empty parts, with `..` applied; nil when `..` climbs too high.
    static func normalised(_ path: String) -> [String]? {
        var components: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        return components
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
