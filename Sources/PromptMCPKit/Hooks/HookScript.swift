/// The shell shims `promptmcp install` writes into a repository's hooks folder. The copies in the
/// repository's `hooks/` folder are the same text; a test keeps them in step.
public enum HookScript {
    /// The line that marks a hook as ours, so that install updates it and uninstall removes it.
    public static let marker = "# promptmcp-hook"
    /// An existing hook is moved aside under this suffix and run by ours first.
    public static let chainedSuffix = ".promptmcp-chained"

    public static let supported = ["pre-commit"]

    public static func text(for hook: String) -> String {
        precondition(supported.contains(hook), "no shim for \(hook)")
        return """
        #!/bin/sh
        \(marker): \(hook). Installed by `promptmcp install`; `promptmcp uninstall` removes it.
        # Judges the staged change against .promptmcp/policy.yml. `git commit --no-verify` skips
        # every hook, so the CI gate (promptmcp check in CI) is the backstop.

        # A hook that was here before promptmcp was installed runs first; if it fails, so does this.
        if [ -x "$0\(chainedSuffix)" ]; then
            "$0\(chainedSuffix)" "$@" || exit $?
        fi

        # Git GUIs often run hooks with a short PATH: look in the usual install places too.
        for candidate in "$PROMPTMCP" "$(command -v promptmcp 2>/dev/null)" \\
                         "$HOME/.local/bin/promptmcp" /usr/local/bin/promptmcp; do
            if [ -n "$candidate" ] && [ -x "$candidate" ]; then
                exec "$candidate" check
            fi
        done

        echo "promptmcp: the \(hook) hook cannot find the promptmcp binary, so this commit was not judged." >&2
        echo "  Install it: run ./install.sh from a promptmcp checkout (or set PROMPTMCP=/path/to/promptmcp)." >&2
        echo "  To commit without the check this once: git commit --no-verify" >&2
        exit 1

        """
    }
}
