/// GitLab tokens, which all carry a prefix since GitLab 14.5.
public struct GitLabTokenRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/gitlab-token",
        summary: "A GitLab token: personal, project or group access (glpat-), deploy (gldt-), runner (glrt-, GR1348941), pipeline trigger (glptt-), OAuth application secret (gloas-), feed, SCIM, agent and other gl...- tokens.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.gitlab-token",
        examples: [
            .triggering("  - git clone https://oauth2:↓glpat-yvBPs0jSO2Jkf08MMF1u@gitlab.com/group/app.git\n", path: ".gitlab-ci.yml"),
            .triggering("runner_token = \"↓glrt-27f4t3tGolUByxRmXBYQ\"\n", path: "config.toml"),
            .passing("token = \"glpat-<your token here>\"\n", path: "README.md"),
            .passing("GITLAB_TOKEN: $CI_JOB_TOKEN\n", path: ".gitlab-ci.yml"),
        ]
    )

    /// gitleaks' `gitlab-*` rules; GitLab's documentation, "Token prefixes".
    static let formats = [
        TokenFormat("GitLab personal access token", prefixes: ["glpat-"], [.run(.wordOrDash, 20...300)]),
        TokenFormat("GitLab deploy token", prefixes: ["gldt-"], [.run(.wordOrDash, 20...300)]),
        TokenFormat("GitLab runner token", prefixes: ["glrt-", "GR1348941"], [.run(.wordOrDash, 20...300)]),
        TokenFormat("GitLab pipeline trigger token", prefixes: ["glptt-"], [.run(.lowerHex, 40)]),
        TokenFormat("GitLab OAuth application secret", prefixes: ["gloas-"], [.run(.wordOrDash, 64)]),
        TokenFormat("GitLab token", prefixes: ["glft-", "glsoat-", "glffct-", "glimt-", "glagent-", "glcbt-"], [.run(.wordOrDash, 20...300)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "GitLab: the token's settings page, Revoke")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
