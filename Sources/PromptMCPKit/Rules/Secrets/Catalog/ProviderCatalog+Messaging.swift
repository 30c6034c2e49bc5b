/// Email, SMS and messaging. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let messaging: [ProviderRule] = [
        ProviderRule(
            "sendgrid-key", "SendGrid", "SendGrid API key",
            docs: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys", revoke: "SendGrid: Settings > API Keys, Delete",
            [("SendGrid API key", #"SG.[A-Za-z0-9_-]{22}.[A-Za-z0-9_-]{43}"#)],
            examples: [
                .triggering("sendgrid:\n  api_key: ↓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\n", path: "config/mail.yml"),
                .passing("SENDGRID_API_KEY=SG.xxxxxxxx.yyyyyyyy\n", path: ".env.example"),
                .passing("let version = \"SG.2024.11\"\n", path: "Version.swift"),
            ]),
        ProviderRule(
            "twilio-key", "Twilio", "Twilio API key",
            docs: "https://www.twilio.com/docs/iam/api-keys", revoke: "Twilio Console: API keys & tokens",
            [("Twilio API key", #"SK[0-9a-fA-F]{32}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("client = Client(\"↓SK12bba82af983eadec108b08c3ce052e9\", api_secret, account_sid)\n", path: "sms.py"),
                .passing("TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", path: ".env.example"),
                .passing("const TASK12bba82af983eadec108b08c3ce052e9 = 1\n", path: "gen.js"),
            ]),
        ProviderRule(
            "twilio-auth-token", "Twilio", "Twilio auth token, the value assigned to a name holding `twilio`",
            docs: "https://www.twilio.com/docs/iam/api/authtoken", revoke: "rotate the auth token in the Twilio Console",
            [("Twilio auth token", #"[a-f0-9]{32}"#)], names: ["twilio"],
            examples: [
                .triggering("export TWILIO_API_KEY=↓c293c4e7a01798c0e491da731db6cd96\n", path: "deploy/run.sh"),
                .triggering("  \"twilio_api_key\": \"↓8137eb896eec126199b37899dce1a2d8\",\n", path: "config/settings.json"),
                .passing("request_id = \"197fb85aca8eeb108c0c3e428e4aa718\"\n", path: "app/ids.py"),
                .passing("TWILIO_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "mailgun-key", "Mailgun", "Mailgun API key",
            docs: "https://documentation.mailgun.com/docs/mailgun/user-manual/get-started/#primary-account-api-key", revoke: "delete the key under API Security",
            [("Mailgun API key", #"key-[a-f0-9]{32}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("const mailgunKey = '↓key-2a23c36f5e901792a25e1f8162014972';\n", path: "src/client.ts"),
                .triggering("export MAILGUN_KEY=↓key-85e1d5151f5708e48fafbd85aec2e115\n", path: "deploy/run.sh"),
                .passing("label = \"key-91aeabc4b9730e80e9f77e5b60560b0\"  # one character short\n", path: "app/labels.py"),
                .passing("MAILGUN_KEY=key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "mailchimp-key", "Mailchimp", "Mailchimp API key",
            docs: "https://mailchimp.com/developer/marketing/guides/quick-start/", revoke: "disable it under Account > Extras > API keys",
            [("Mailchimp API key", #"[a-f0-9]{32}-us[0-9]{1,2}"#)], boundary: "A-Za-z0-9_",
            examples: [
                .triggering("\tmailchimpKey := \"↓8f3f45fa3027f9105a7a41e0847ff696-us20\"\n", path: "cmd/main.go"),
                .triggering("MAILCHIMP_KEY=↓a8e47211f01dd4c62dc16db0a7bb49dd-us2\n", path: ".env"),
                .passing("label = \"dfe8e3d8f244ea97b5c2725b7fbd52a7-us\"  # one character short\n", path: "app/labels.py"),
                .passing("MAILCHIMP_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-us00\n", path: ".env.example"),
            ]),
        ProviderRule(
            "brevo-key", "Brevo (Sendinblue)", "Brevo API key",
            docs: "https://developers.brevo.com/docs/getting-started", revoke: "delete it under SMTP & API > API Keys",
            [("Brevo API key", #"xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}"#)],
            examples: [
                .triggering("\tbrevoKey := \"↓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\"\n", path: "cmd/main.go"),
                .triggering("BREVO_KEY=↓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\n", path: ".env"),
                .passing("label = \"xkeysib-56fd07b07b1e875401772c1a00bcc8b0f0be7965dfc8ff2f8a715f1af7219e0f-7pjgezFmrkiNLGn\"  # one character short\n", path: "app/labels.py"),
                .passing("BREVO_KEY=xkeysib-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-AAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "postmark-token", "Postmark", "Postmark server token, the value assigned to a name holding `postmark`",
            docs: "https://postmarkapp.com/developer/api/overview#authentication", revoke: "reset it under the server's API Tokens",
            [("Postmark server token", #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#)], names: ["postmark"],
            examples: [
                .triggering("  postmark_api_key: \"↓a6799780-d50b-7be1-610a-db824a910c1e\"\n", path: "config/app.yml"),
                .triggering("POSTMARK_API_KEY = \"↓b255f32a-7089-4bd5-74b8-e0f69155e6ce\"\n", path: "app/settings.py"),
                .passing("request_id = \"5e9aa638-0f48-0abe-c8e5-e19ea9f054e3\"\n", path: "app/ids.py"),
                .passing("POSTMARK_API_KEY=00000000-0000-0000-0000-000000000000\n", path: ".env.example"),
            ]),
        ProviderRule(
            "mailjet-key", "Mailjet", "Mailjet API secret, the value assigned to a name holding `mailjet`",
            docs: "https://dev.mailjet.com/email/guides/", revoke: "regenerate it under Account > API Key Management",
            [("Mailjet API secret", #"[a-f0-9]{32}"#)], names: ["mailjet"],
            examples: [
                .triggering("const mailjetApiKey = '↓cad52ebe26672c23c53da8808ed0c582';\n", path: "src/client.ts"),
                .triggering("export MAILJET_API_KEY=↓763f007abc2d0eafcd0485f3c56887c1\n", path: "deploy/run.sh"),
                .passing("request_id = \"216a257af4b504d83911ae17fca3d251\"\n", path: "app/ids.py"),
                .passing("MAILJET_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "vonage-secret", "Vonage (Nexmo)", "Vonage API secret, the value assigned to a name holding `vonage` or `nexmo`",
            docs: "https://developer.vonage.com/en/account/secret-management", revoke: "delete the secret in the dashboard's API settings",
            [("Vonage API secret", #"[A-Za-z0-9]{16}"#)], names: ["vonage", "nexmo"],
            examples: [
                .triggering("  vonage_api_key: \"↓WBhdvuvSM1jtQBqT\"\n", path: "config/app.yml"),
                .triggering("VONAGE_API_KEY = \"↓qrm3OpZN8V0Fykc2\"\n", path: "app/settings.py"),
                .passing("request_id = \"qDsM7xmhiaawlRsn\"\n", path: "app/ids.py"),
                .passing("VONAGE_API_KEY=AAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "pusher-secret", "Pusher", "Pusher app secret, the value assigned to a name holding `pusher`",
            docs: "https://pusher.com/docs/channels/server_api/authenticating-users/", revoke: "rotate it in the app's App Keys",
            [("Pusher app secret", #"[a-f0-9]{20}"#)], names: ["pusher"],
            examples: [
                .triggering("const pusherApiKey = '↓5377295c4a77048eb540';\n", path: "src/client.ts"),
                .triggering("export PUSHER_API_KEY=↓657c232857e20192ed86\n", path: "deploy/run.sh"),
                .passing("request_id = \"19a156ae27936b6e90ab\"\n", path: "app/ids.py"),
                .passing("PUSHER_API_KEY=aaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "messagebird-key", "MessageBird (Bird)", "MessageBird access key, the value assigned to a name holding `messagebird`",
            docs: "https://developers.messagebird.com/api/#authentication", revoke: "delete it in the dashboard under Developers > API access",
            [("MessageBird access key", #"[A-Za-z0-9]{25}"#)], names: ["messagebird"],
            examples: [
                .triggering("\tmessagebirdApiKey := \"↓iMDGRUnZWG4BqHEE4PVD44jDK\"\n", path: "cmd/main.go"),
                .triggering("MESSAGEBIRD_API_KEY=↓T8BSTxqjHAc2GJPJEvEHDa8mE\n", path: ".env"),
                .passing("request_id = \"h1aOvgbIjXITXawcB3oCjBGlu\"\n", path: "app/ids.py"),
                .passing("MESSAGEBIRD_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
    ]
}
