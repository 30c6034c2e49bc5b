/// The shell shims `promptmcp install` writes into a repository's hooks folder. The copies in the
/// repository's `hooks/` folder are the same text; a test keeps them in step.
public enum HookScript {
    /// The line that marks a hook as ours, so that install updates it and uninstall removes it.
    public static let marker = "# promptmcp-hook"
    /// An existing hook is moved aside under this suffix and run by ours first.
    public static let chainedSuffix = ".promptmcp-chained"

    public static let supported = ["pre-commit", "commit-msg", "pre-push"]

    /// What each hook asks promptmcp to judge.
    private static let purposes = [
        "pre-commit": ("Judges the staged change", "check"),
        "commit-msg": ("Judges the commit message, and the citations the change needs,", "check --commit-msg \"$1\""),
        "pre-push": ("Judges every commit being pushed, with its message,", "check --pre-push"),
    ]

    public static func text(for hook: String) -> String {
        guard let (purpose, command) = purposes[hook] else { preconditionFailure("no shim for \(hook)") }
        // pre-push gets the refs being pushed on standard input, and both hooks need them.
        let readsInput = hook == "pre-push"
        let feed = readsInput ? "printf '%s\\n' \"$input\" | " : ""
        return """
        #!/bin/sh
        \(marker): \(hook). Installed by `promptmcp install`; `promptmcp uninstall` removes it.
        # \(purpose) against .promptmcp/policy.yml.
        # `--no-verify` skips hooks, so the CI gate (promptmcp check --from) is the backstop.
        \(readsInput ? "\ninput=$(cat)\n" : "")
        # A hook that was here before promptmcp was installed runs first; if it fails, so does this.
        if [ -x "$0\(chainedSuffix)" ]; then
            \(feed)"$0\(chainedSuffix)" "$@" || exit $?
        fi

        # Git GUIs often run hooks with a short PATH: look in the usual install places too.
        for candidate in "$PROMPTMCP" "$(command -v promptmcp 2>/dev/null)" \\
                         "$HOME/.local/bin/promptmcp" /usr/local/bin/promptmcp; do
            if [ -n "$candidate" ] && [ -x "$candidate" ]; then
                \(readsInput ? "\(feed)\"$candidate\" \(command)\n        exit $?" : "exec \"$candidate\" \(command)")
            fi
        done

        echo "promptmcp: the \(hook) hook cannot find the promptmcp binary, so nothing was judged." >&2
        echo "  Install it: run ./install.sh from a promptmcp checkout (or set PROMPTMCP=/path/to/promptmcp)." >&2
        echo "  To go ahead without the check this once: --no-verify" >&2
        exit 1

        """
    }
}
