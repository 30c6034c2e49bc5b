/// SendGrid API keys.
public struct SendGridKeyRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/sendgrid-key",
        summary: "A SendGrid API key: SG., 22 characters, a dot, 43 characters (69 in all).",
        defaultSeverity: .error,
        policyKey: "secrets.rules.sendgrid-key",
        examples: [
            .triggering("sendgrid:\n  api_key: ↓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\n", path: "config/mail.yml"),
            .passing("SENDGRID_API_KEY=SG.xxxxxxxx.yyyyyyyy\n", path: ".env.example"),
            .passing("let version = \"SG.2024.11\"\n", path: "Version.swift"),
        ]
    )

    /// SendGrid's documented key shape (`SG.<22>.<43>`); gitleaks' `sendgrid-api-token`.
    static let formats = [
        TokenFormat("SendGrid API key", prefixes: ["SG."], [.run(.wordOrDash, 22), .literal("."), .run(.wordOrDash, 43)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "SendGrid: Settings > API Keys, Delete")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
