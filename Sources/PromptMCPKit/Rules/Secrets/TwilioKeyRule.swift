/// Twilio API keys. The key's SID (`SK` and 32 hex digits) goes with a secret that has no
/// prefix; a SID in the code says the secret is probably near (`secrets/generic-secret` finds
/// it by its name, as it finds a Twilio auth token).
public struct TwilioKeyRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/twilio-key",
        summary: "A Twilio API key SID: SK followed by 32 hexadecimal digits.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.twilio-key",
        examples: [
            .triggering("client = Client(\"↓SK12bba82af983eadec108b08c3ce052e9\", api_secret, account_sid)\n", path: "sms.py"),
            .passing("TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", path: ".env.example"),
            .passing("const TASK12bba82af983eadec108b08c3ce052e9 = 1\n", path: "gen.js"),
        ]
    )

    /// gitleaks' `twilio-api-key`: `SK[0-9a-fA-F]{32}`, as a whole word.
    static let formats = [
        TokenFormat("Twilio API key", prefixes: ["SK"], [.run(.hex, 32)], boundary: .word),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "Twilio Console: API keys & tokens")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
