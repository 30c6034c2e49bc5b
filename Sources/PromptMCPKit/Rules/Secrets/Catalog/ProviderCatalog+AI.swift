/// AI, data and other APIs. `ProviderRule` explains the fields. The formats are public facts;
/// the patterns' wording and the examples are this project's own.
extension ProviderCatalog {
    static let ai: [ProviderRule] = [
        ProviderRule(
            "openai-key", "OpenAI", "OpenAI API key",
            docs: "https://platform.openai.com/docs/api-reference/authentication", revoke: "platform.openai.com: API keys, Revoke",
            [
                ("OpenAI API key", #"(sk-proj-|sk-svcacct-|sk-admin-)[A-Za-z0-9_-]{40,250}"#),
                ("OpenAI API key", #"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"#),
            ],
            examples: [
                .triggering("OPENAI_API_KEY=↓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\n", path: ".env"),
                .triggering("openai.api_key = \"↓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\"\n", path: "bot.py"),
                .passing("OPENAI_API_KEY=sk-...\n", path: "README.md"),
                .passing("client = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n", path: "bot.py"),
                .passing("theme: sk-dark-2024-high-contrast-palette-extended-variant-01\n", path: "theme.yml"),
            ]),
        ProviderRule(
            "anthropic-key", "Anthropic", "Anthropic API key",
            docs: "https://docs.anthropic.com/en/api/getting-started", revoke: "console.anthropic.com: API keys",
            [("Anthropic API key", #"sk-ant-(api03-|admin01-)[A-Za-z0-9_-]{93}AA"#)],
            examples: [
                .triggering("ANTHROPIC_API_KEY=\"↓sk-ant-api03-5ZvQmLL8ZrF8w50SR2Qugs4lIFVRdxtDyKUOtfZUTqr8aFvnKbnHFbDfj3u_ypO09RnKw1zW9-ohP46PbmT1TOkzfR1wKAA\"\n", path: "deploy/.env"),
                .passing("ANTHROPIC_API_KEY=sk-ant-api03-...\n", path: "README.md"),
                .passing("api_key = os.getenv(\"ANTHROPIC_API_KEY\")\n", path: "agent.py"),
            ]),
        ProviderRule(
            "openrouter-key", "OpenRouter", "OpenRouter API key",
            docs: "https://openrouter.ai/docs/api-reference/authentication", revoke: "delete it under Settings > Keys",
            [("OpenRouter API key", #"sk-or-v1-[a-f0-9]{64}"#)],
            examples: [
                .triggering("export OPENROUTER_KEY=↓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\n", path: "deploy/run.sh"),
                .triggering("  \"openrouter_key\": \"↓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\",\n", path: "config/settings.json"),
                .passing("label = \"sk-or-v1-01edbdce94b841bd6e8aa4101cfc88286f0ab83a9e24a49c623d771e981735a\"  # one character short\n", path: "app/labels.py"),
                .passing("OPENROUTER_KEY=sk-or-v1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "groq-key", "Groq", "Groq API key",
            docs: "https://console.groq.com/docs/quickstart", revoke: "delete it under API Keys in the console",
            [("Groq API key", #"gsk_[A-Za-z0-9]{52}"#)],
            examples: [
                .triggering("const groqKey = '↓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';\n", path: "src/client.ts"),
                .triggering("export GROQ_KEY=↓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\n", path: "deploy/run.sh"),
                .passing("label = \"gsk_7thCqsOohQnFRXXbHilLyctjgtugXVNJJ6ckkUiYLcd5b1QPXgU\"  # one character short\n", path: "app/labels.py"),
                .passing("GROQ_KEY=gsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "replicate-token", "Replicate", "Replicate API token",
            docs: "https://replicate.com/docs/reference/http#authentication", revoke: "delete it under Account > API tokens",
            [("Replicate API token", #"r8_[A-Za-z0-9]{37}"#)],
            examples: [
                .triggering("const replicateToken = '↓r8_HdH07KJ6Wy246pYbH90fnaCOEtkzxzdMbDaAW';\n", path: "src/client.ts"),
                .triggering("export REPLICATE_TOKEN=↓r8_kU711wCNBetxXXkP8q6PRm0xTG5oT57aQd8NR\n", path: "deploy/run.sh"),
                .passing("label = \"r8_lJwGhheKnSZSsU1jR0UfHqw63lJvcXzp73qJ\"  # one character short\n", path: "app/labels.py"),
                .passing("REPLICATE_TOKEN=r8_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "perplexity-key", "Perplexity", "Perplexity API key",
            docs: "https://docs.perplexity.ai/guides/getting-started", revoke: "revoke it in the API settings",
            [("Perplexity API key", #"pplx-[A-Za-z0-9]{48}"#)],
            examples: [
                .triggering("PERPLEXITY_KEY=↓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\n", path: ".env"),
                .triggering("  perplexity_key: \"↓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\"\n", path: "config/app.yml"),
                .passing("label = \"pplx-iKmFvdQk1mEImTP4GanrWA6iCPTCzdOjIPioTXxrMfrJoPS\"  # one character short\n", path: "app/labels.py"),
                .passing("PERPLEXITY_KEY=pplx-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "xai-key", "xAI", "xAI API key",
            docs: "https://docs.x.ai/docs/overview", revoke: "delete it in the xAI console under API Keys",
            [("xAI API key", #"xai-[A-Za-z0-9]{80}"#)],
            examples: [
                .triggering("const xaiKey = '↓xai-ATOEE4Sbp3MrU14O8abqt4o6hqcwmf7uFMjig2OQlmTm9yNE3XHOODQ1rXPm53moEIHGvYcwyUIM8HRM';\n", path: "src/client.ts"),
                .triggering("export XAI_KEY=↓xai-5Kror7Exei2YpFTBbxCUx76PsICkBiordbdWSkWN3G3BLSTFqmEsFPnb4HCjFzBI1DZIK7tU1nqpslQk\n", path: "deploy/run.sh"),
                .passing("label = \"xai-ATzKQ0JT1c9uZ7lsDs0oipxvO90mjwN2y1PKeIugAsiZ8I7Fd2m2jWGFI6TXnzVOni3m1LIuul4kMHR\"  # one character short\n", path: "app/labels.py"),
                .passing("XAI_KEY=xai-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "langsmith-key", "LangChain LangSmith", "LangSmith API key",
            docs: "https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key", revoke: "delete it under Settings > API Keys",
            [("LangSmith API key", #"lsv2_(pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}"#)],
            examples: [
                .triggering("export LANGSMITH_KEY=↓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\n", path: "deploy/run.sh"),
                .triggering("  \"langsmith_key\": \"↓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\",\n", path: "config/settings.json"),
                .passing("label = \"lsv2_sk_4cfc3a94a25e2f743a02e67415a7653c_827a9a0dd\"  # one character short\n", path: "app/labels.py"),
                .passing("LANGSMITH_KEY=lsv2_pt_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_aaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "cohere-key", "Cohere", "Cohere API key, the value assigned to a name holding `cohere` or `co_api_key`",
            docs: "https://docs.cohere.com/docs/rate-limits", revoke: "delete it in the dashboard under API Keys",
            [("Cohere API key", #"[A-Za-z0-9]{40}"#)], names: ["cohere", "co_api_key"],
            examples: [
                .triggering("const cohereApiKey = '↓NcCJdLp0Ctt7AoeE9JcakD8wEZ6Yl3jpE9bC1Cn9';\n", path: "src/client.ts"),
                .triggering("export COHERE_API_KEY=↓8WxFuTRL1CdPyQDB3lq8k3jWy9ji5EQSMR0YTOMA\n", path: "deploy/run.sh"),
                .passing("request_id = \"hRNN8k48zwtABLEoQtqNSoBuNz8zDeoALEy8OyN8\"\n", path: "app/ids.py"),
                .passing("COHERE_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "mistral-key", "Mistral AI", "Mistral API key, the value assigned to a name holding `mistral`",
            docs: "https://docs.mistral.ai/getting-started/quickstart/", revoke: "revoke it in La Plateforme under API Keys",
            [("Mistral API key", #"[A-Za-z0-9]{32}"#)], names: ["mistral"],
            examples: [
                .triggering("export MISTRAL_API_KEY=↓EOdcI6r7TMXqltOAZiS39RhoOzPH68Rq\n", path: "deploy/run.sh"),
                .triggering("  \"mistral_api_key\": \"↓vlJPSXwRrU0cjVlCOKTuD250jTkKVUcw\",\n", path: "config/settings.json"),
                .passing("request_id = \"XTJGHB8Z9rH4ZbevH9NS61aHpfsadqh0\"\n", path: "app/ids.py"),
                .passing("MISTRAL_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "deepseek-key", "DeepSeek", "DeepSeek API key, the value assigned to a name holding `deepseek`",
            docs: "https://api-docs.deepseek.com/", revoke: "delete it on the platform's API keys page",
            [("DeepSeek API key", #"sk-[a-f0-9]{32}"#)], names: ["deepseek"],
            examples: [
                .triggering("  deepseek_api_key: \"↓sk-dac2c1a16cd5ae0d65047edf7785f2f1\"\n", path: "config/app.yml"),
                .triggering("DEEPSEEK_API_KEY = \"↓sk-7336cb6fe0f494dc75ec5448a4166700\"\n", path: "app/settings.py"),
                .passing("request_id = \"sk-534605ad91795699dc4501ffac3d46b7\"\n", path: "app/ids.py"),
                .passing("DEEPSEEK_API_KEY=sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "together-key", "Together AI", "Together AI API key, the value assigned to a name holding `together`",
            docs: "https://docs.together.ai/reference/authentication-1", revoke: "regenerate it in the settings under API Keys",
            [("Together AI API key", #"[a-f0-9]{64}"#)], names: ["together"],
            examples: [
                .triggering("  together_api_key: \"↓86898e055fd1350292e4fb614e8d78bc5f26f11345aef15be572872d3183d755\"\n", path: "config/app.yml"),
                .triggering("TOGETHER_API_KEY = \"↓c1bb32bb64a90e2db5f2145e24d96b757f6898174612d2de9046acd194aafeab\"\n", path: "app/settings.py"),
                .passing("request_id = \"bc16a65e9374f9a87ff6d0692e5f179fee686eb4f831b74ffd6f5c98c45b29c4\"\n", path: "app/ids.py"),
                .passing("TOGETHER_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "elevenlabs-key", "ElevenLabs", "ElevenLabs API key, the value assigned to a name holding `elevenlabs` or `xi_api_key`",
            docs: "https://elevenlabs.io/docs/api-reference/authentication", revoke: "delete it under Profile > API keys",
            [("ElevenLabs API key", #"(sk_)?[a-f0-9]{32,48}"#)], names: ["elevenlabs", "xi_api_key"],
            examples: [
                .triggering("const elevenlabsApiKey = '↓sk_033358b2be350db00565ef9878a2e9e761d8';\n", path: "src/client.ts"),
                .triggering("export ELEVENLABS_API_KEY=↓sk_5c0bf58a68eca5420fd9542fa7ff09aeaa5fc062a0e4\n", path: "deploy/run.sh"),
                .passing("request_id = \"sk_71cfe019eb950eeb2cdb1521aca142d3ca1b6d\"\n", path: "app/ids.py"),
                .passing("ELEVENLABS_API_KEY=sk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "pinecone-key", "Pinecone", "Pinecone API key, the value assigned to a name holding `pinecone`",
            docs: "https://docs.pinecone.io/guides/projects/manage-api-keys", revoke: "delete it in the console under API Keys",
            [
                ("Pinecone API key", #"pcsk_[A-Za-z0-9_]{40,80}"#),
                ("Pinecone API key", #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#),
            ], names: ["pinecone"],
            examples: [
                .triggering("  \"pinecone_api_key\": \"↓pcsk_8yxI2K_QAW6XV08T9Slzo9llAfq6i4ye1iHyfOVUKWHGADB5\",\n", path: "config/settings.json"),
                .triggering("\tpineconeApiKey := \"↓f47ccdf2-336a-bdcc-2ae0-bd73fd8ea28e\"\n", path: "cmd/main.go"),
                .passing("request_id = \"pcsk_AzD0h9QYHIyqu4i6NYi9tbkNDvP1aZHOov83rt1fwHNrQIsi31Y\"\n", path: "app/ids.py"),
                .passing("PINECONE_API_KEY=pcsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "assemblyai-key", "AssemblyAI", "AssemblyAI API key, the value assigned to a name holding `assemblyai` or `assembly_ai`",
            docs: "https://www.assemblyai.com/docs/getting-started", revoke: "regenerate it in the dashboard",
            [("AssemblyAI API key", #"[a-f0-9]{32}"#)], names: ["assemblyai", "assembly_ai"],
            examples: [
                .triggering("  \"assemblyai_api_key\": \"↓6a6818bd161a098fe216275a21e46f41\",\n", path: "config/settings.json"),
                .triggering("\tassemblyaiApiKey := \"↓af70a06b86c906bcaf0bf747c561368f\"\n", path: "cmd/main.go"),
                .passing("request_id = \"62bceccaa2585f6f66eb6c6401435abd\"\n", path: "app/ids.py"),
                .passing("ASSEMBLYAI_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "weights-biases-key", "Weights & Biases", "W&B API key, the value assigned to a name holding `wandb`",
            docs: "https://docs.wandb.ai/guides/track/environment-variables/", revoke: "delete it under User settings > API keys",
            [("W&B API key", #"[a-f0-9]{40}"#)], names: ["wandb"],
            examples: [
                .triggering("WANDB_API_KEY=↓69ecfaa704a94c9b0c516010b598c99848ccf980\n", path: ".env"),
                .triggering("  wandb_api_key: \"↓1b551e7ff672149c1c6400ce0d110174982aabec\"\n", path: "config/app.yml"),
                .passing("request_id = \"0aa8d94dfae6863725567ad4d81960e82febd9f4\"\n", path: "app/ids.py"),
                .passing("WANDB_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "infura-key", "Infura", "Infura API key secret, the value assigned to a name holding `infura`",
            docs: "https://docs.metamask.io/services/get-started/infura/", revoke: "delete the key in the Infura dashboard",
            [("Infura API key secret", #"[a-f0-9]{32}"#)], names: ["infura"],
            examples: [
                .triggering("export INFURA_API_KEY=↓a62df6169366d3eaef366ab84c686a28\n", path: "deploy/run.sh"),
                .triggering("  \"infura_api_key\": \"↓d7f0c1fadb163f4edd1cde8d0e4776ed\",\n", path: "config/settings.json"),
                .passing("request_id = \"4feb7b3cdf1094700ab122c921a042b2\"\n", path: "app/ids.py"),
                .passing("INFURA_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "alchemy-key", "Alchemy", "Alchemy API key, the value assigned to a name holding `alchemy`",
            docs: "https://docs.alchemy.com/reference/api-overview", revoke: "delete the app's key in the dashboard",
            [("Alchemy API key", #"[A-Za-z0-9_-]{32}"#)], names: ["alchemy"],
            examples: [
                .triggering("ALCHEMY_API_KEY=↓ziBI9r4akJ3SaHZjIhPLYusUp7mfbI6O\n", path: ".env"),
                .triggering("  alchemy_api_key: \"↓JYpLr8I7DEswz-k7zxbiKefnas2jzYaM\"\n", path: "config/app.yml"),
                .passing("request_id = \"9UE4NtorYbLlO53GC2JUqgXmFOy9Ni7_\"\n", path: "app/ids.py"),
                .passing("ALCHEMY_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "etherscan-key", "Etherscan", "Etherscan API key, the value assigned to a name holding `etherscan` or `bscscan` or `polygonscan`",
            docs: "https://docs.etherscan.io/getting-started/viewing-api-usage-statistics", revoke: "delete it under API Keys",
            [("Etherscan API key", #"[A-Z0-9]{34}"#)], names: ["etherscan", "bscscan", "polygonscan"],
            examples: [
                .triggering("  etherscan_api_key: \"↓2R9LG7SDVJOKQKMHWSZDCBD8IK8OV7ELV0\"\n", path: "config/app.yml"),
                .triggering("ETHERSCAN_API_KEY = \"↓KZV4KNDQHVLDQZAUZQGPS9GP0E7H0QYJNE\"\n", path: "app/settings.py"),
                .passing("request_id = \"W4IXSXRYWRSLCL5HS3R8IXG7192GV2PSAY\"\n", path: "app/ids.py"),
                .passing("ETHERSCAN_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "spotify-secret", "Spotify", "Spotify client secret, the value assigned to a name holding `spotify`",
            docs: "https://developer.spotify.com/documentation/web-api/concepts/apps", revoke: "rotate the client secret in the developer dashboard",
            [("Spotify client secret", #"[a-f0-9]{32}"#)], names: ["spotify"],
            examples: [
                .triggering("const spotifyApiKey = '↓286f23ce810aa0ac87b9fbece1e6ba5e';\n", path: "src/client.ts"),
                .triggering("export SPOTIFY_API_KEY=↓1f8d62ebb16d9d3803ff951dce588388\n", path: "deploy/run.sh"),
                .passing("request_id = \"1c9db08dbabf85c65359a99ea14b7b09\"\n", path: "app/ids.py"),
                .passing("SPOTIFY_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", path: ".env.example"),
            ]),
        ProviderRule(
            "google-maps-secret", "Google", "Google Maps URL signing secret, the value assigned to a name holding `signing_secret` or `url_signing`",
            docs: "https://developers.google.com/maps/documentation/maps-static/digital-signature", revoke: "regenerate the signing secret in the Google Cloud console",
            [("Google Maps URL signing secret", #"[A-Za-z0-9_-]{27}="#)], names: ["signing_secret", "url_signing"],
            examples: [
                .triggering("SIGNING_SECRET=↓8_0td3nqnWqwH7Au1505YHfw0k4=\n", path: ".env"),
                .triggering("  signing_secret: \"↓EQdp2m5h_CH3ZtevZOIq69WeiM6=\"\n", path: "config/app.yml"),
                .passing("request_id = \"1TN-SJL1AyX1KX4smBkR181aASe=\"\n", path: "app/ids.py"),
                .passing("SIGNING_SECRET=AAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", path: ".env.example"),
            ]),
        ProviderRule(
            "frameio-token", "Frame.io", "Frame.io developer token, the value assigned to a name holding `frameio` or `frame_io`",
            docs: "https://developer.frame.io/docs/getting-started/authentication", revoke: "delete it in the developer site under Tokens",
            [("Frame.io developer token", #"fio-u-[A-Za-z0-9_=-]{64}"#)], names: ["frameio", "frame_io"],
            examples: [
                .triggering("\tframeioApiKey := \"↓fio-u-67bZkue16PpaRunkNjKSlyGbH0HLQYhf8pPgmrm-pDVmqsLQ5W05W=djGxOCC8WD\"\n", path: "cmd/main.go"),
                .triggering("FRAMEIO_API_KEY=↓fio-u-eD6-jpw7h=aRLZUf9Bg4a_Vp6rtNhtjGOZ=GWQqq1_MxX1LEaWkc587FdLvfuHXQ\n", path: ".env"),
                .passing("request_id = \"fio-u-wLmzzWBHbT347KfCjyv8qvfIA3llkcNyd5IG9L6UARYQWrHu9X7AcXaTqJr4PRoG\"\n", path: "app/ids.py"),
                .passing("FRAMEIO_API_KEY=fio-u-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "adafruit-key", "Adafruit IO", "Adafruit IO key",
            docs: "https://io.adafruit.com/api/docs/#authentication", revoke: "regenerate it under My Key",
            [("Adafruit IO key", #"aio_[A-Za-z0-9]{28}"#)],
            examples: [
                .triggering("export ADAFRUIT_KEY=↓aio_IscXC0ltaNyp8bqfkHp2Vijq9Hm2\n", path: "deploy/run.sh"),
                .triggering("  \"adafruit_key\": \"↓aio_caC6z4xKRZyvSoZHgJjZb0UeTEKn\",\n", path: "config/settings.json"),
                .passing("label = \"aio_sRoPEoFca8NcS8ueG4qErHaRML2\"  # one character short\n", path: "app/labels.py"),
                .passing("ADAFRUIT_KEY=aio_AAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "mapquest-key", "MapQuest", "MapQuest API key, the value assigned to a name holding `mapquest`",
            docs: "https://developer.mapquest.com/documentation/", revoke: "delete it in the developer portal",
            [("MapQuest API key", #"[A-Za-z0-9]{32}"#)], names: ["mapquest"],
            examples: [
                .triggering("  mapquest_api_key: \"↓BXteQAkYiY64hPbV6zzLwNy09KKQPYdL\"\n", path: "config/app.yml"),
                .triggering("MAPQUEST_API_KEY = \"↓6KfqQKBLU5NxpETUTbUd12ezcuLlMt6h\"\n", path: "app/settings.py"),
                .passing("request_id = \"zVNKS7tvgzSzTtCOnA76xjybBHrQ3GzE\"\n", path: "app/ids.py"),
                .passing("MAPQUEST_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "sumologic-key", "Sumo Logic", "Sumo Logic access key, the value assigned to a name holding `sumo`",
            docs: "https://help.sumologic.com/docs/manage/security/access-keys/", revoke: "delete it under Preferences > My Access Keys",
            [("Sumo Logic access key", #"[A-Za-z0-9]{64}"#)], names: ["sumo"],
            examples: [
                .triggering("  sumo_api_key: \"↓V5P8Jwh7lIg6JacrDYOYcEOpUoM5BfWASfdXCNcvq8FK4Agrf6E1wmkAka0uOTKu\"\n", path: "config/app.yml"),
                .triggering("SUMO_API_KEY = \"↓NyvPyJOb9DnVsMCPa29nNsxCF6aM3RisNbOJAx17SaeGgR3A7GVY9oLuBZ8gY7W3\"\n", path: "app/settings.py"),
                .passing("request_id = \"BBSZQYXvrJ9L4OZUVfD8gVkCjKh7iwNZLLqTu5RAiGgs7Y2Bi6QKccGWo8OYcA3o\"\n", path: "app/ids.py"),
                .passing("SUMO_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "confluent-secret", "Confluent", "Confluent Cloud API secret, the value assigned to a name holding `confluent` or `kafka_api_secret` or `sasl_password`",
            docs: "https://docs.confluent.io/cloud/current/security/authenticate/workload-identities/service-accounts/api-keys/overview.html", revoke: "delete the API key in Confluent Cloud",
            [("Confluent Cloud API secret", #"[A-Za-z0-9+/]{64}"#)], names: ["confluent", "kafka_api_secret", "sasl_password"],
            examples: [
                .triggering("\tconfluentApiKey := \"↓5J8RJHJMCIxebW/yQZTy/xfpYCQbEIy8ldHnW21VGABuBpBtLcaTVqzyeshwzvDz\"\n", path: "cmd/main.go"),
                .triggering("CONFLUENT_API_KEY=↓KbI2n0dfzBzq2rvifhu1tw+nWubPg3jb/Ts1wKnIcOWqAyiisWwclq3s1Ubu/2JK\n", path: ".env"),
                .passing("request_id = \"sf4GugZ4gLDouUi7QzyfW+U+mBfFgdLJk31FjeEk2ho63x/IapD2SKyyJvTlm+HX\"\n", path: "app/ids.py"),
                .passing("CONFLUENT_API_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
        ProviderRule(
            "elastic-cloud-key", "Elastic", "Elastic Cloud API key, the value assigned to a name holding `elastic`",
            docs: "https://www.elastic.co/guide/en/cloud/current/ec-api-authentication.html", revoke: "delete it under Organization > API keys",
            [("Elastic Cloud API key", #"[A-Za-z0-9_-]{20,22}:[A-Za-z0-9_-]{22}"#)], names: ["elastic"],
            examples: [
                .triggering("  elastic_api_key: \"↓iBcddHch3-avbMi1LJtq_:JPmfyLOkuF65UECsgIAXb0\"\n", path: "config/app.yml"),
                .triggering("ELASTIC_API_KEY = \"↓EORR4ZmfvWmOo5uTradI:hguXc9FQWCy-oI47TUg4eB\"\n", path: "app/settings.py"),
                .passing("request_id = \"LrsojpuyskL8hajudBFY:veBldk7mMvMUIAJ8qhH_3M\"\n", path: "app/ids.py"),
                .passing("ELASTIC_API_KEY=AAAAAAAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA\n", path: ".env.example"),
            ]),
    ]
}
