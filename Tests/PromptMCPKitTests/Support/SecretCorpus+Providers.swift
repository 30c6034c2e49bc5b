import Foundation

/// The provider kinds: planted tokens in their documented formats, and their look-alikes.
extension SecretCorpus {
    static let paths = [
        "app/settings.py", "web/src/client.ts", "cmd/api/main.go", "Sources/App/Secrets.swift",
        "src/main/java/Billing.java", "lib/billing/client.rb", "config/services.php", "deploy/values.yml",
        "config/credentials.json", ".env.production", "scripts/deploy.sh", "infra/main.tf", "config/app.toml",
        "src/main/resources/application.properties", "docs/setup.md", "Dockerfile", "config/settings.xml",
    ]

    mutating func generate() {
        for _ in 0..<6 {
            plantProvider("secrets/aws-access-key", ["aws", "access", "key", "id"], awsKey())
            plantProvider("secrets/github-token", ["github", "token"], gitHubToken())
            plantProvider("secrets/gitlab-token", ["gitlab", "token"], gitLabToken())
            let slack = slackToken()
            plantProvider("secrets/slack-token", ["slack", "bot", "token"], slack, lead: slack.hasPrefix("hooks.") ? "https://" : "")
            plantProvider("secrets/stripe-key", ["stripe", "secret", "key"], stripeKey())
            plantProvider("secrets/google-api-key", ["google", "maps", "key"], "AIza" + random(Self.base64URL, 35))
            plantProvider("secrets/npm-token", ["npm", "token"], "npm_" + random(Self.alphanumeric, 36))
            plantProvider("secrets/pypi-token", ["pypi", "token"], pyPIToken())
            plantProvider("secrets/openai-key", ["openai", "api", "key"], openAIKey())
            plantProvider("secrets/anthropic-key", ["anthropic", "api", "key"], anthropicKey())
            plantProvider("secrets/sendgrid-key", ["sendgrid", "api", "key"], "SG." + random(Self.base64URL, 22) + "." + random(Self.base64URL, 43))
            plantProvider("secrets/twilio-key", ["twilio", "api", "key", "sid"], "SK" + random(Self.hex, 32))
        }
        providerTraps()
        generateCatalog()
        generateFreeForm()
    }

    /// Plants `value` in a random file, assigned to a name made of `words` in that file's style.
    /// `lead` goes before the value without being part of it (`https://` before a webhook's host).
    mutating func plantProvider(_ rule: String, _ words: [String], _ value: String, lead: String = "") {
        let path = pick(Self.paths)
        plant(rule, path, assignment(words, path).replacingOccurrences(of: "{S}", with: lead + "{S}"), value)
    }

    /// A line assigning `{S}` to a name made of `words`, as the file's language writes it.
    mutating func assignment(_ words: [String], _ path: String) -> String {
        let upper = words.joined(separator: "_").uppercased()
        let snake = words.joined(separator: "_")
        let camel = words[0] + words.dropFirst().map(\.capitalized).joined()
        switch Language(path) {
        case .python: return pick(["\(upper) = \"{S}\"", "client = Client(\(snake)=\"{S}\")", "settings[\"\(snake)\"] = \"{S}\"", "    \"\(snake)\": '{S}',"])
        case .javascript: return pick(["const \(camel) = \"{S}\";", "  \(camel): '{S}',", "export const \(upper) = `{S}`;"])
        case .go: return pick(["\t\(camel) := \"{S}\"", "os.Setenv(\"\(upper)\", \"{S}\")", "const \(camel) = \"{S}\""])
        case .swift: return pick(["let \(camel) = \"{S}\"", "static let \(camel): String = \"{S}\"", "    \(camel): \"{S}\","])
        case .java: return pick(["private static final String \(upper) = \"{S}\";", "props.put(\"\(snake)\", \"{S}\");"])
        case .ruby: return pick(["\(upper) = '{S}'", "  \(snake): \"{S}\",", "ENV['\(upper)'] ||= '{S}'"])
        case .php: return pick(["    '\(snake)' => '{S}',", "define('\(upper)', '{S}');", "$\(camel) = \"{S}\";"])
        case .yaml: return pick(["\(snake): {S}", "  \(snake): \"{S}\"", "      - \(upper)={S}", "    \(snake): '{S}'"])
        case .json: return pick(["  \"\(snake)\": \"{S}\",", "    \"\(camel)\": \"{S}\""])
        case .env: return pick(["\(upper)={S}", "export \(upper)=\"{S}\"", "\(upper)='{S}'"])
        case .shell: return pick(["export \(upper)={S}", "\(upper)=\"{S}\" ./bin/deploy"])
        case .terraform: return "  \(snake) = \"{S}\""
        case .toml: return "\(snake) = \"{S}\""
        case .properties: return words.joined(separator: ".") + "={S}"
        case .markdown: return pick(["    export \(upper)={S}", "\(upper)={S}"])
        case .docker: return pick(["ENV \(upper)={S}", "ARG \(upper)={S}"])
        case .xml: return "<\(camel)>{S}</\(camel)>"
        }
    }

    // MARK: - Tokens in the documented formats

    mutating func awsKey() -> String {
        rng.next(4) == 0 ? "A3T" + random(Self.upper + Self.digits, 1) + random(Self.base32, 16)
            : pick(["AKIA", "ASIA", "ABIA", "ACCA"]) + random(Self.base32, 16)
    }

    mutating func gitHubToken() -> String {
        rng.next(5) == 0 ? "github_pat_" + random(Self.alphanumeric, 22) + "_" + random(Self.alphanumeric, 59)
            : pick(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]) + random(Self.alphanumeric, 36)
    }

    mutating func gitLabToken() -> String {
        switch rng.next(5) {
        case 0: return "glptt-" + random(Self.hex, 40)
        case 1: return "gloas-" + random(Self.base64URL, 64)
        default: return pick(["glpat-", "gldt-", "glrt-"]) + random(Self.base64URL, 20)
        }
    }

    mutating func slackToken() -> String {
        let team = random(Self.digits, 12)
        switch rng.next(4) {
        case 0: return "xoxb-\(team)-\(random(Self.digits, 13))-\(random(Self.alphanumeric, 24))"
        case 1: return "xoxp-\(team)-\(random(Self.digits, 12))-\(random(Self.digits, 13))-\(random(Self.hex, 32))"
        case 2: return "xapp-1-A\(random(Self.upper + Self.digits, 10))-\(random(Self.digits, 13))-\(random(Self.hex, 64))"
        default: return "hooks.slack.com/services/T\(random(Self.upper + Self.digits, 8))/B\(random(Self.upper + Self.digits, 10))/\(random(Self.alphanumeric, 24))"
        }
    }

    mutating func stripeKey() -> String {
        pick(["sk_live_", "rk_live_"]) + (rng.next(2) == 0 ? random(Self.alphanumeric, 24) : "51" + random(Self.alphanumeric, 97))
    }

    mutating func pyPIToken() -> String {
        "pypi-" + pick(["AgEIcHlwaS5vcmc", "AgENdGVzdC5weXBpLm9yZw"]) + random(Self.base64URL, 60 + rng.next(120))
    }

    mutating func openAIKey() -> String {
        switch rng.next(3) {
        case 0: return "sk-" + random(Self.alphanumeric, 20) + "T3BlbkFJ" + random(Self.alphanumeric, 20)
        case 1: return "sk-proj-" + random(Self.base64URL, 74) + "T3BlbkFJ" + random(Self.base64URL, 74)
        default: return pick(["sk-svcacct-", "sk-admin-"]) + random(Self.base64URL, 58) + "T3BlbkFJ" + random(Self.base64URL, 58)
        }
    }

    mutating func anthropicKey() -> String {
        "sk-ant-" + pick(["api03-", "admin01-"]) + random(Self.base64URL, 93) + "AA"
    }

    // MARK: - Look-alikes

    mutating func providerTraps() {
        // Wrong length, wrong charset, not standing alone.
        trap("wrong length", "app/settings.py", "KEY_ID = \"AKIA\(random(Self.base32, 15))\"", "KEY_ID = \"AKIA\(random(Self.base32, 17))\"")
        trap("wrong charset", "config/app.toml", "key_id = \"AKIA\(random(Self.base32, 7))1\(random(Self.base32, 8))\"", "key_id = \"AKIA\(random(Self.lower, 16))\"")
        trap("embedded", "web/src/client.ts", "const blob = \"Zm9vAKIA\(random(Self.base32, 16))YmFy\";", "const id = \"MYAKIA\(random(Self.base32, 16))\";")
        trap("wrong length", "cmd/api/main.go", "ref := \"ghp_\(random(Self.alphanumeric, 35))\"", "ref := \"ghp_\(random(Self.alphanumeric, 37))\"")
        trap("wrong charset", "scripts/deploy.sh", "BUILD_REF=ghp_\(random(Self.alphanumeric, 10))-\(random(Self.alphanumeric, 25))")
        trap("wrong length", ".env.production", "GITLAB_REF=glpat-\(random(Self.alphanumeric, 19))", "SENDGRID_TEMPLATE=SG.\(random(Self.base64URL, 22)).\(random(Self.base64URL, 42))")
        trap("wrong length", "config/services.php", "    'google' => 'AIza\(random(Self.base64URL, 34))',", "    'npm' => 'npm_\(random(Self.alphanumeric, 35))',")
        trap("wrong length", "lib/billing/client.rb", "STRIPE = 'sk_live_\(random(Self.alphanumeric, 12))'", "ANTHROPIC = 'sk-ant-api03-\(random(Self.base64URL, 92))AA'")
        trap("wrong ending", "lib/billing/client.rb", "ANTHROPIC = 'sk-ant-api03-\(random(Self.base64URL, 93))AB'")
        trap("wrong charset", "src/main/java/Billing.java", "String trigger = \"glptt-\(random(Self.hex, 20).uppercased())\(random(Self.hex, 20))\";")
        trap("wrong length", "Sources/App/Secrets.swift", "let sid = \"SK\(random(Self.hex, 31))\"", "let task = \"TASK\(random(Self.hex, 32))\"")
        trap("account SID (an identifier)", "Sources/App/Secrets.swift", "let accountSid = \"AC\(random(Self.hex, 32))\"")
        trap("legacy shape without marker", "app/settings.py", "MODEL_REVISION = \"sk-\(random(Self.alphanumeric, 48))\"")
        trap("too short", "app/settings.py", "PROJECT_SLUG = \"sk-proj-\(random(Self.base64URL, 30))\"", "theme = \"sk-dark-high-contrast\"")
        trap("other macaroon", ".env.production", "PYPI_MIRROR_ID=pypi-\(random(Self.base64URL, 80))")
        trap("words", "docs/setup.md", "The task-runner uses SG.2024.11 and npm_config_registry settings.")
        // Test-mode and publishable keys are not secrets; one value is allowed by the policy.
        trap("test mode key", "web/src/client.ts", "const stripeTest = \"sk_test_\(random(Self.alphanumeric, 24))\";", "const publishable = \"pk_live_\(random(Self.alphanumeric, 24))\";")
        trap("allowed value", "config/app.toml", "stripe_key = \"sk_live_ALLOWED\(random(Self.alphanumeric, 20))\"")
        // Placeholders, markers, published examples.
        trap("placeholder", ".env.production", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "GITHUB_TOKEN=ghp_<your-token>",
             "SLACK_BOT_TOKEN=xoxb-your-bot-token", "TWILIO_API_KEY=SK\(String(repeating: "x", count: 32))")
        trap("placeholder", "config/app.toml", "token = \"glpat-xxxxxxxxxxxxxxxxxxxx\"", "aws_key = \"AKIAXXXXXXXXXXXXXXXX\"")
        trap("patterned", "deploy/values.yml", "slack: xoxb-000000000000-0000000000000-xxxxxxxxxxxxxxxxxxxxxxxx",
             "webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
             "token: ghp_abcdefghijklmnopqrstuvwxyz0123456789")
        trap("marker", "docs/setup.md", "    export AWS_ACCESS_KEY_ID=AKIA\(random(Self.base32, 9))EXAMPLE",
             "    export STRIPE_KEY=sk_live_example\(random(Self.alphanumeric, 20))",
             "    export GITHUB_TOKEN=ghp_FAKE\(random(Self.alphanumeric, 32))")
        trap("documentation example", "docs/setup.md", "    aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
             "    token: ghp_16C7e42F292c6912E7710c838347Ae178B4a",
             "    apiKey: \"AIzaSyabcdefghijklmnopqrstuvwxyz1234567\"",
             "    SLACK_TOKEN=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy")
        // Lookups and templates where a token would go.
        trap("lookup", ".github/workflows/ci.yml", "        env: { GITHUB_TOKEN: \"${{ secrets.GITHUB_TOKEN }}\" }", "          token: ${{ secrets.NPM_TOKEN }}")
        trap("lookup", ".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}")
        trap("template", "deploy/values.yml", "  slackToken: \"{{ .Values.slack.token }}\"")
    }
}
