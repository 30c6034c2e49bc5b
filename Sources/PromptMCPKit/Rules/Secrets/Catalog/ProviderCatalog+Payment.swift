/// Payment and commerce. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let payment: [ProviderRule] = [
        ProviderRule(
            "stripe-key", "Stripe", "Stripe live key: `sk_live_[A-Za-z0-9]{20,247}`, `rk_live_[A-Za-z0-9]{20,247}`",
            docs: "https://docs.stripe.com/keys", revoke: "Stripe Dashboard: Developers > API keys, Roll key",
            [("Stripe live secret key", #"sk_live_[A-Za-z0-9]{20,247}"#), ("Stripe live restricted key", #"rk_live_[A-Za-z0-9]{20,247}"#)],
            examples: [
                .triggering("Stripe.apiKey = \"↓sk_live_kDCJ23VmCwykTp4EilsS2aQn\";\n", path: "src/Billing.java"),
                .triggering("STRIPE_KEY=↓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\n", path: ".env"),
                .passing("stripe.api_key = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"\n", path: "examples/charge.py"),
                .passing("const stripe = Stripe('pk_live_51jUHc6LZQ9SMDcEVV8bOhUVXo');\n", path: "web/checkout.js"),
            ]),
    ]
}
