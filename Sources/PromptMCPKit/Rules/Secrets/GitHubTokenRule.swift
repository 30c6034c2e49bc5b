/// GitHub tokens in the prefixed formats GitHub introduced in 2021.
public struct GitHubTokenRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/github-token",
        summary: "A GitHub token: personal (ghp_), OAuth (gho_), user-to-server (ghu_), server-to-server (ghs_) or refresh (ghr_) followed by 36 letters and digits, or a fine-grained personal token (github_pat_ and 82 characters).",
        defaultSeverity: .error,
        policyKey: "secrets.rules.github-token",
        examples: [
            .triggering("export GITHUB_TOKEN=↓ghp_8VKqxryo1nIj7BRd03Q2ybv097SHzxgQA6TC\n", path: "scripts/release.sh"),
            .triggering("const auth = { token: \"↓gho_vY4dhKMlRdZQ9QsTXUuSnH6av1Ib8pp1xxXH\" };\n", path: "src/client.ts"),
            .triggering("token: ↓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\n", path: "ci.yml"),
            .passing("token: ${{ secrets.GITHUB_TOKEN }}\n", path: ".github/workflows/ci.yml"),
            .passing("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", path: ".env.example"),
            .passing("let prefix = \"ghp_\"  // tokens start with it\n", path: "Token.swift"),
        ]
    )

    /// gitleaks' `github-pat`, `github-oauth`, `github-app-token`, `github-refresh-token`
    /// (`gh[pousr]_[0-9a-zA-Z]{36}`) and `github-fine-grained-pat` (`github_pat_\w{82}`).
    static let formats = [
        TokenFormat("GitHub personal access token", prefixes: ["ghp_"], [.run(.alphanumeric, 36)]),
        TokenFormat("GitHub OAuth token", prefixes: ["gho_"], [.run(.alphanumeric, 36)]),
        TokenFormat("GitHub app token", prefixes: ["ghu_", "ghs_"], [.run(.alphanumeric, 36)]),
        TokenFormat("GitHub refresh token", prefixes: ["ghr_"], [.run(.alphanumeric, 36)]),
        TokenFormat("GitHub fine-grained personal access token", prefixes: ["github_pat_"], [.run(.word, 82)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "GitHub: Settings > Developer settings > Tokens")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
