/// Chat, collaboration, identity and productivity services. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let chat: [ProviderRule] = [
        ProviderRule(
            "slack-token", "Slack", "Slack token: `xoxb-[A-Za-z0-9-]{24,250}`, `xoxp-[A-Za-z0-9-]{24,250}`, `(xoxa-|xoxr-|xoxe-|xoxs-|xoxo-)[A-Za-z0-9-]{24,250}`, `xoxe.(xoxb-|xoxp-)[A-Za-z0-9-]{24,250}`, `xapp-[A-Za-z0-9-]{24,250}`, `hooks.slack.com/(services/|workflows/|triggers/)[A-Za-z0-9/]{40,100}`",
            docs: "https://api.slack.com/authentication/token-types", revoke: "Slack: the app's OAuth & Permissions or Incoming Webhooks page",
            [("Slack bot token", #"xoxb-[A-Za-z0-9-]{24,250}"#), ("Slack user token", #"xoxp-[A-Za-z0-9-]{24,250}"#), ("Slack token", #"(xoxa-|xoxr-|xoxe-|xoxs-|xoxo-)[A-Za-z0-9-]{24,250}"#), ("Slack configuration token", #"xoxe.(xoxb-|xoxp-)[A-Za-z0-9-]{24,250}"#), ("Slack app-level token", #"xapp-[A-Za-z0-9-]{24,250}"#), ("Slack webhook URL", #"hooks.slack.com/(services/|workflows/|triggers/)[A-Za-z0-9/]{40,100}"#)],
            examples: [
                .triggering("SLACK_BOT_TOKEN=↓xoxb-703015925953-8768090981729-bc7Hrd0APsmYaUSRCsllZq3Z\n", path: ".env"),
                .triggering("webhook_url: \"https://↓hooks.slack.com/services/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\"\n", path: "alerts.yml"),
                .passing("SLACK_BOT_TOKEN=xoxb-your-bot-token\n", path: ".env.example"),
                .passing("client = WebClient(token=os.environ[\"SLACK_BOT_TOKEN\"])  # xoxb-...\n", path: "bot.py"),
            ]),
    ]
}
