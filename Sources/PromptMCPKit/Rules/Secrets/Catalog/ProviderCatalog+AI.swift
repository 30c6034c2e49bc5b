/// AI, data and other APIs. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let ai: [ProviderRule] = [
        ProviderRule(
            "openai-key", "OpenAI", "OpenAI API key: `(sk-proj-|sk-svcacct-|sk-admin-)[A-Za-z0-9_-]{40,250}`, `sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`",
            docs: "https://platform.openai.com/docs/api-reference/authentication", revoke: "platform.openai.com: API keys, Revoke",
            [("OpenAI API key", #"(sk-proj-|sk-svcacct-|sk-admin-)[A-Za-z0-9_-]{40,250}"#), ("OpenAI API key", #"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"#)],
            examples: [
                .triggering("OPENAI_API_KEY=↓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\n", path: ".env"),
                .triggering("openai.api_key = \"↓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\"\n", path: "bot.py"),
                .passing("OPENAI_API_KEY=sk-...\n", path: "README.md"),
                .passing("client = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n", path: "bot.py"),
                .passing("theme: sk-dark-2024-high-contrast-palette-extended-variant-01\n", path: "theme.yml"),
            ]),
        ProviderRule(
            "anthropic-key", "Anthropic", "Anthropic API key: `sk-ant-(api03-|admin01-)[A-Za-z0-9_-]{93}AA`",
            docs: "https://docs.anthropic.com/en/api/getting-started", revoke: "console.anthropic.com: API keys",
            [("Anthropic API key", #"sk-ant-(api03-|admin01-)[A-Za-z0-9_-]{93}AA"#)],
            examples: [
                .triggering("ANTHROPIC_API_KEY=\"↓sk-ant-api03-5ZvQmLL8ZrF8w50SR2Qugs4lIFVRdxtDyKUOtfZUTqr8aFvnKbnHFbDfj3u_ypO09RnKw1zW9-ohP46PbmT1TOkzfR1wKAA\"\n", path: "deploy/.env"),
                .passing("ANTHROPIC_API_KEY=sk-ant-api03-...\n", path: "README.md"),
                .passing("api_key = os.getenv(\"ANTHROPIC_API_KEY\")\n", path: "agent.py"),
            ]),
    ]
}
