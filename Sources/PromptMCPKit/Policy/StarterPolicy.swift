import Foundation

/// The commented policy `promptmcp init` writes: the defaults spelt out, the repository's own
/// licence file protected and its CI folder named, the common additions shown as comments.
/// A test checks that it loads without a problem.
public enum StarterPolicy {
    /// What `init` found at the root of the work tree.
    public struct Facts: Equatable, Sendable {
        /// Licence files (`LICENSE`, `LICENSE.md`, `COPYING`, ...), protected by the starter.
        public var licences: [String] = []
        /// CI configuration (`.github/workflows/**`, `.gitlab-ci.yml`, ...), named in a comment.
        public var ci: [String] = []

        public init(licences: [String] = [], ci: [String] = []) {
            self.licences = licences
            self.ci = ci
        }

        /// The facts of a work tree: its root's entries, names compared without case for licences.
        public static func of(workDirectory: String) -> Facts {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: workDirectory)) ?? []).sorted()
            let licences = names.filter { name in
                let stem = name.uppercased().split(separator: ".").first.map(String.init) ?? ""
                return ["LICENSE", "LICENCE", "COPYING", "UNLICENSE"].contains { stem == $0 || stem.hasPrefix($0 + "-") }
            }
            let ci = ciLocations.filter { location in
                FileManager.default.fileExists(atPath: workDirectory + "/" + location.path)
            }.map(\.glob)
            return Facts(licences: licences, ci: ci)
        }

        private static let ciLocations: [(path: String, glob: String)] = [
            (".github/workflows", ".github/workflows/**"), (".gitlab-ci.yml", ".gitlab-ci.yml"),
            (".circleci", ".circleci/**"), (".buildkite", ".buildkite/**"), ("Jenkinsfile", "Jenkinsfile"),
            ("azure-pipelines.yml", "azure-pipelines.yml"), (".travis.yml", ".travis.yml"), (".ci", ".ci/**"),
        ]
    }

    /// The starter for a repository with no licence file or CI configuration found.
    public static let text = text(for: Facts())

    public static func text(for facts: Facts) -> String {
        let licences = facts.licences.map { "  - \(PolicyDescription.quoted($0))\n" }.joined()
        let ci = facts.ci.map { "#  - \(PolicyDescription.quoted($0))          # CI configuration found here\n" }.joined()
        return """
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
        protected:\(licences.isEmpty && ci.isEmpty ? " []" : "")
        \(licences)\(ci)
        # Overrides by glob; for each path the LAST matching entry wins. Built-in entries
        # (lock files: caps off; vendored and generated files: style rules off, see
        # docs/rules.md) and .gitattributes' linguist-vendored/-generated marks come first,
        # so yours win over them.
        paths:
          - match: "docs/**"
            caps: { max_lines_per_file: 2000 }
        #  - match: "Sources/CParser/**"
        #    generated: true        # vendored: left to its authors (secrets are still judged)
        #  - match: ["build/**", "**/*.snapshot"]
        #    exclude: true          # not judged at all

        """
    }
}
