/// Slack API tokens and incoming webhook URLs.
public struct SlackTokenRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/slack-token",
        summary: "A Slack token (xoxb- bot, xoxp- user, xoxa-/xoxr-/xoxe-/xoxs-/xoxo- others, xapp- app-level) or an incoming webhook URL (hooks.slack.com/services/...).",
        defaultSeverity: .error,
        policyKey: "secrets.rules.slack-token",
        examples: [
            .triggering("SLACK_BOT_TOKEN=↓xoxb-703015925953-8768090981729-bc7Hrd0APsmYaUSRCsllZq3Z\n", path: ".env"),
            .triggering("webhook_url: \"https://↓hooks.slack.com/services/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\"\n", path: "alerts.yml"),
            .passing("SLACK_BOT_TOKEN=xoxb-your-bot-token\n", path: ".env.example"),
            .passing("client = WebClient(token=os.environ[\"SLACK_BOT_TOKEN\"])  # xoxb-...\n", path: "bot.py"),
        ]
    )

    /// gitleaks' `slack-*` rules, widened to one shape per kind: the prefix, then 24 or more
    /// letters, digits and dashes.
    static let formats = [
        TokenFormat("Slack bot token", prefixes: ["xoxb-"], [.run(.alphanumericOrDash, 24...250)]),
        TokenFormat("Slack user token", prefixes: ["xoxp-"], [.run(.alphanumericOrDash, 24...250)]),
        TokenFormat("Slack token", prefixes: ["xoxa-", "xoxr-", "xoxe-", "xoxs-", "xoxo-"], [.run(.alphanumericOrDash, 24...250)]),
        TokenFormat("Slack configuration token", prefixes: ["xoxe."], [.oneOf("xoxb-", "xoxp-"), .run(.alphanumericOrDash, 24...250)]),
        TokenFormat("Slack app-level token", prefixes: ["xapp-"], [.run(.alphanumericOrDash, 24...250)]),
        TokenFormat("Slack webhook URL", prefixes: ["hooks.slack.com/"], [.oneOf("services/", "workflows/", "triggers/"), .run(ByteSet("A-Za-z0-9/"), 40...100)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "Slack: the app's OAuth & Permissions or Incoming Webhooks page")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
