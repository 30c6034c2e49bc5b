/// Stripe live secret and restricted keys. Test-mode keys (`sk_test_`) are left alone: they
/// cannot move money, Stripe's own documentation is full of them, and flagging them would
/// train people to ignore this rule.
public struct StripeKeyRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/stripe-key",
        summary: "A Stripe live secret key (sk_live_...) or restricted key (rk_live_...); test-mode keys (sk_test_, rk_test_) and publishable keys (pk_) are not secrets.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.stripe-key",
        examples: [
            .triggering("Stripe.apiKey = \"↓sk_live_kDCJ23VmCwykTp4EilsS2aQn\";\n", path: "src/Billing.java"),
            .triggering("STRIPE_KEY=↓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\n", path: ".env"),
            .passing("stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"\n", path: "examples/charge.py"),
            .passing("const stripe = Stripe('pk_live_51jUHc6LZQ9SMDcEVV8bOhUVXo');\n", path: "web/checkout.js"),
        ]
    )

    /// gitleaks' `stripe-access-token` (`(sk|rk)_(test|live|prod)_[a-zA-Z0-9]{10,99}`), live only;
    /// Stripe's documentation, "API keys".
    static let formats = [
        TokenFormat("Stripe live secret key", prefixes: ["sk_live_"], [.run(.alphanumeric, 20...247)]),
        TokenFormat("Stripe live restricted key", prefixes: ["rk_live_"], [.run(.alphanumeric, 20...247)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "Stripe Dashboard: Developers > API keys, Roll key")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
