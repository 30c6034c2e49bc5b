import Foundation

/// What an agent's shell command may not do: skip git's hooks (`git commit --no-verify`,
/// `git push --no-verify`, `-n` for commit, a `core.hooksPath` of its own), or write to the
/// files that judge it (the policy, the hooks folder, the agents' hook settings), unless the
/// policy allows policy edits. A command is split as a shell would split it (quotes, `;`, `&&`,
/// `|`, redirections, `sh -c '...'`); a word naming a guarded file in a command that is not a
/// known reader counts as a write, since what an interpreter does with it cannot be told.
public struct ShellGuard: Sendable {
    /// The work tree's root, without a trailing slash: absolute words under it are made relative.
    public var root: String
    /// Paths relative to the repository root (globs) that a command may not write.
    public var guarded: [Glob]
    public var guardsWrites: Bool

    public init(policy: Policy, root: String, hooksFolder: String?) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        guardsWrites = !(policy.agents?.allowPolicyEdits.value ?? false)
        guarded = (AgentsPolicy.selfProtected + [".git/hooks/**"] + [hooksFolder.map { $0 + "/**" }].compactMap { $0 })
            .compactMap { try? Glob($0) }
    }

    /// Why the command may not run, or nil when it may.
    public func refusal(_ command: String) -> String? {
        for words in ShellWords.commands(in: command) {
            if let reason = refusal(words) { return reason }
        }
        return nil
    }

    private static let wrappers: Set<String> = ["sudo", "env", "command", "exec", "nohup", "time", "nice", "xargs"]
    private static let readers: Set<String> = [
        "cat", "less", "more", "head", "tail", "grep", "egrep", "fgrep", "rg", "ls", "stat", "file", "wc", "diff", "cmp",
        "md5sum", "sha1sum", "sha256sum", "echo", "printf", "test", "[", "promptmcp", "jq", "yq", "bat", "find", "tree",
    ]
    private static let gitReaders: Set<String> = ["diff", "log", "show", "status", "blame", "cat-file", "ls-files", "grep", "rev-parse"]

    private func refusal(_ all: [ShellWords.Word]) -> String? {
        var words = all.filter { !$0.isRedirectTarget }.map(\.text)[...]
        while let first = words.first, first.contains("=") && !first.hasPrefix("-") || Self.wrappers.contains(first) { words.removeFirst() }
        if guardsWrites, let target = all.first(where: { $0.isRedirectTarget && isGuarded($0.text) }) {
            return "the command writes to \(target.text), which an agent may not change (the policy and the hooks that judge it)"
        }
        guard let program = words.first.map({ ($0 as NSString).lastPathComponent }) else { return nil }
        let arguments = Array(words.dropFirst())
        if ["sh", "bash", "zsh", "dash"].contains(program), let index = arguments.firstIndex(of: "-c"), index + 1 < arguments.count {
            return refusal(arguments[index + 1])
        }
        if program == "git", let reason = gitRefusal(arguments) { return reason }
        guard guardsWrites, let named = arguments.lazy.flatMap(Self.pieces).first(where: isGuarded) else { return nil }
        if Self.readers.contains(program) { return nil }
        if program == "git", let sub = Self.gitSubcommand(arguments), Self.gitReaders.contains(sub.name) { return nil }
        return "\(program) may change \(named), which an agent may not change (the policy and the hooks that judge it)"
    }

    private func gitRefusal(_ arguments: [String]) -> String? {
        if let value = arguments.first(where: { $0.lowercased().hasPrefix("core.hookspath") }) {
            return "git with \(value) would run other hooks than the repository's; run git without it"
        }
        guard let sub = Self.gitSubcommand(arguments) else { return nil }
        let options = sub.rest.prefix { $0 != "--" }
        switch sub.name {
        case "commit" where options.contains("--no-verify") || Self.hasShortFlag("n", in: Array(options), valued: ["-m", "-F", "-C", "-c", "-t"]):
            return "git commit --no-verify skips the pre-commit and commit-msg hooks that enforce the policy; commit without it and fix what the hooks report"
        case "push" where options.contains("--no-verify"):
            return "git push --no-verify skips the pre-push hook that enforces the policy; push without it"
        case "config" where options.contains { $0.lowercased() == "core.hookspath" }:
            return "changing core.hooksPath would switch off the hooks that enforce the policy"
        default:
            return nil
        }
    }

    /// git's subcommand after its own options (`-C dir`, `-c key=value`, `--git-dir=...`).
    private static func gitSubcommand(_ arguments: [String]) -> (name: String, rest: ArraySlice<String>)? {
        var rest = arguments[...]
        while let first = rest.first, first.hasPrefix("-") {
            rest.removeFirst()
            if ["-C", "-c", "--git-dir", "--work-tree", "--namespace"].contains(first) { rest = rest.dropFirst() }
        }
        guard let name = rest.first else { return nil }
        return (name, rest.dropFirst())
    }

    /// Whether a short option cluster (`-an`) holds `flag`, not counting the values of `valued` options.
    private static func hasShortFlag(_ flag: Character, in options: [String], valued: Set<String>) -> Bool {
        var skipNext = false
        for option in options {
            if skipNext { skipNext = false; continue }
            guard option.hasPrefix("-"), !option.hasPrefix("--"), option.count > 1 else { continue }
            let letters = option.dropFirst()
            // In `-am msg` the value starts after the valued letter; letters before it are flags.
            let flags = letters.prefix { !"mFCct".contains($0) }
            if flags.contains(flag) { return true }
            if flags.count < letters.count, letters.last.map({ "mFCct".contains($0) }) == true { skipNext = true }
            if valued.contains(option) { skipNext = true }
        }
        return false
    }

    /// A word and the path-like pieces in it: `open('.promptmcp/policy.yml','w')` names the policy.
    private static func pieces(_ word: String) -> [String] {
        [word] + word.split(whereSeparator: { "'\"(),;=:[]{}<> ".contains($0) }).map(String.init)
    }

    /// Whether a word names a guarded path (relative to the root, or absolute inside it).
    func isGuarded(_ word: String) -> Bool {
        var path = word.hasPrefix(root + "/") ? String(word.dropFirst(root.count + 1)) : word
        while path.hasPrefix("./") { path.removeFirst(2) }
        let components = Glob.components(path)
        return !components.isEmpty && guarded.contains { $0.matches(components: components) || $0.matches(components: Glob.components(path + "/x")) }
    }
}
