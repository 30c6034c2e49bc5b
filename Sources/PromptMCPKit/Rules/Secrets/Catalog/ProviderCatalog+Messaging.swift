/// Email, SMS and messaging. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let messaging: [ProviderRule] = [
        ProviderRule(
            "sendgrid-key", "SendGrid", "SendGrid API key: `SG.[A-Za-z0-9_-]{22}.[A-Za-z0-9_-]{43}`",
            docs: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys", revoke: "SendGrid: Settings > API Keys, Delete",
            [("SendGrid API key", #"SG.[A-Za-z0-9_-]{22}.[A-Za-z0-9_-]{43}"#)],
            examples: [
                .triggering("sendgrid:\n  api_key: ↓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\n", path: "config/mail.yml"),
                .passing("SENDGRID_API_KEY=SG.xxxxxxxx.yyyyyyyy\n", path: ".env.example"),
                .passing("let version = \"SG.2024.11\"\n", path: "Version.swift"),
            ]),
        ProviderRule(
            "twilio-key", "Twilio", "Twilio API key: `SK[0-9a-fA-F]{32}`",
            docs: "https://www.twilio.com/docs/iam/api-keys", revoke: "Twilio Console: API keys & tokens",
            [("Twilio API key", #"SK[0-9a-fA-F]{32}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("client = Client(\"↓SK12bba82af983eadec108b08c3ce052e9\", api_secret, account_sid)\n", path: "sms.py"),
                .passing("TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", path: ".env.example"),
                .passing("const TASK12bba82af983eadec108b08c3ce052e9 = 1\n", path: "gen.js"),
            ]),
    ]
}
