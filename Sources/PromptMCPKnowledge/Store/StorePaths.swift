import Foundation

/// Where the knowledge stores live.
///
/// The documentation cache is per user (`$PROMPTMCP_CACHE_DIR`, else `$XDG_CACHE_HOME/promptmcp`,
/// else `~/.cache/promptmcp`); per-clone state (repo-docs index, local lessons, usage counts)
/// lives in the clone's common git folder, so linked worktrees share it and a fresh clone
/// starts clean.
public enum StorePaths {
    public static let cacheFileName = "docs.sqlite"
    public static let stateFileName = "state.sqlite"

    public static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["PROMPTMCP_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/promptmcp" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/promptmcp"
    }

    public static func cacheDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        cacheDirectory(environment: environment) + "/" + cacheFileName
    }

    /// `commonGitDirectory` is `Repository.commonDirectory` (it ends with a slash in libgit2).
    public static func stateDatabase(commonGitDirectory: String) -> String {
        let base = commonGitDirectory.hasSuffix("/") ? commonGitDirectory : commonGitDirectory + "/"
        return base + "promptmcp/" + stateFileName
    }
}
