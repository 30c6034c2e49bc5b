/// Anthropic API keys.
public struct AnthropicKeyRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/anthropic-key",
        summary: "An Anthropic API key (sk-ant-api03-) or admin key (sk-ant-admin01-): 93 letters, digits, _ and -, then AA.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.anthropic-key",
        examples: [
            .triggering("ANTHROPIC_API_KEY=\"↓sk-ant-api03-5ZvQmLL8ZrF8w50SR2Qugs4lIFVRdxtDyKUOtfZUTqr8aFvnKbnHFbDfj3u_ypO09RnKw1zW9-ohP46PbmT1TOkzfR1wKAA\"\n", path: "deploy/.env"),
            .passing("ANTHROPIC_API_KEY=sk-ant-api03-...\n", path: "README.md"),
            .passing("api_key = os.getenv(\"ANTHROPIC_API_KEY\")\n", path: "agent.py"),
        ]
    )

    /// gitleaks' `anthropic-api-key` and `anthropic-admin-api-key`:
    /// `sk-ant-(api03|admin01)-[a-zA-Z0-9_\-]{93}AA`.
    static let formats = [
        TokenFormat("Anthropic API key", prefixes: ["sk-ant-"], [.oneOf("api03-", "admin01-"), .run(.wordOrDash, 93), .literal("AA")]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "console.anthropic.com: API keys")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
