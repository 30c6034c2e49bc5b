/// The commented policy `promptmcp init` writes: the defaults spelt out, with the common
/// additions shown as comments. A test checks that it loads without a problem.
public enum StarterPolicy {
    public static let text = """
    # PromptMCP policy: judges every commit (pre-commit hook) and every CI range.
    # Reference: docs/policy.md. Check this file with `promptmcp config validate`;
    # see what applies to a file with `promptmcp explain PATH`.
    version: 1

    # Edit caps on one change (a staged change, or one commit in CI).
    # 0 switches a single cap off; severity: off switches them all off.
    caps:
      max_lines_per_file: 500   # lines changed in one file
      max_files: 50             # files in one change
      max_total_lines: 2000     # lines changed in the whole change
      count: changed            # changed (added + deleted) | added | deleted
      severity: warning         # error blocks the commit; warning only reports

    # Any change to these paths is refused. Globs work as in .gitignore.
    protected:
      - LICENSE
    #  - .github/workflows/**

    # Overrides by glob; for each path the LAST matching entry wins. Built-in entries
    # (lock files: caps off) come first, so yours win over them.
    paths:
      - match: "docs/**"
        caps: { max_lines_per_file: 2000 }
    #  - match: ["vendor/**", "**/*.generated.swift"]
    #    exclude: true          # not judged at all
    #  - match: LICENSE
    #    protected: false       # lift a protection for a path

    """
}
