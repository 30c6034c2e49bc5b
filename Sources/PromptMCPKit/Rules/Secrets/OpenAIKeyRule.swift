/// OpenAI API keys.
public struct OpenAIKeyRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/openai-key",
        summary: "An OpenAI API key: project, service-account or admin keys (sk-proj-, sk-svcacct-, sk-admin- and 40 or more characters), or a legacy key (sk- with T3BlbkFJ in the middle).",
        defaultSeverity: .error,
        policyKey: "secrets.rules.openai-key",
        examples: [
            .triggering("OPENAI_API_KEY=↓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\n", path: ".env"),
            .triggering("openai.api_key = \"↓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\"\n", path: "bot.py"),
            .passing("OPENAI_API_KEY=sk-...\n", path: "README.md"),
            .passing("client = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n", path: "bot.py"),
            .passing("theme: sk-dark-2024-high-contrast-palette-extended-variant-01\n", path: "theme.yml"),
        ]
    )

    /// gitleaks' `openai-api-key`, with the prefixed keys taken by their prefix alone (the
    /// `T3BlbkFJ` marker, base64 for "OpenAI", is not promised for them).
    static let formats = [
        TokenFormat("OpenAI API key", prefixes: ["sk-proj-", "sk-svcacct-", "sk-admin-"], [.run(.wordOrDash, 40...250)]),
        TokenFormat("OpenAI API key", prefixes: ["sk-"], [.run(.alphanumeric, 20), .literal("T3BlbkFJ"), .run(.alphanumeric, 20)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "platform.openai.com: API keys, Revoke")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
