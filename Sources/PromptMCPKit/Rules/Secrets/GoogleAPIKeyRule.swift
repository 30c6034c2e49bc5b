/// Google Cloud API keys.
public struct GoogleAPIKeyRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/google-api-key",
        summary: "A Google Cloud API key: AIza followed by 35 letters, digits, _ and -.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.google-api-key",
        examples: [
            .triggering("<string name=\"maps_key\">↓AIzatfqY6K1Qjah4dXd3eOa1Zcc-a4CgOFfqRgz</string>\n", path: "res/values/keys.xml"),
            .passing("apiKey: \"AIzaSyabcdefghijklmnopqrstuvwxyz1234567\",\n", path: "docs/firebase.md"),
            .passing("GOOGLE_API_KEY=AIza...\n", path: ".env.example"),
        ]
    )

    /// gitleaks' `gcp-api-key`: `\b(AIza[\w-]{35})`.
    static let formats = [
        TokenFormat("Google API key", prefixes: ["AIza"], [.run(.wordOrDash, 35)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "Google Cloud console: APIs & Services > Credentials")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
