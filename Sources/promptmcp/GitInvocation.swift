import Foundation

/// What the git command that ran a hook was asked to do, where git does not tell its hooks.
enum GitInvocation {
    /// True when the hook runs under `git commit --amend`. Git does not tell pre-commit or
    /// commit-msg hooks, so this reads the parent process's arguments (the shims `exec`
    /// promptmcp, so the parent is git itself). An alias (`git ca`) hides the flag: set
    /// PROMPTMCP_AMEND=1 in such a wrapper; pre-push and CI judge the amended commit regardless.
    static func isAmend(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if environment["PROMPTMCP_AMEND"] == "1" { return true }
        guard let data = FileManager.default.contents(atPath: "/proc/\(getppid())/cmdline") else { return false }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.contains("commit") && arguments.contains("--amend")
    }
}
