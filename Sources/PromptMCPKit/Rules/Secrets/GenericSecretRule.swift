/// Secrets without a recognisable prefix (passwords, signing keys, service tokens), found by the
/// name they are assigned to and how random they look.
enum GenericSecretRule {
    static let description = RuleDescription(
        id: "secrets/generic-secret",
        summary: "A random-looking value assigned to a secret-like name (password, passwd, pwd, secret, token, api_key, access_key, client_secret, auth, credential ...) in `name = \"value\"`, `name: value`, `\"name\": \"value\"` or `NAME=value` form. In program files only quoted literals count; placeholders, templates, environment lookups, words, UUIDs and values with test/example markers do not.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.generic-secret",
        options: [
            RuleOption("min_length", .integer(minimum: 1), default: "8", "The shortest value reported, in bytes."),
        ],
        examples: [
            .triggering("DB_PASSWORD=↓Xk29fQzL7mWp\n", path: ".env"),
            .triggering("    \"client_secret\": \"↓VJwnh8S0z054LYyVc1pFRS8A\",\n", path: "oauth.json"),
            .triggering("let apiKey = \"↓2GY4bIjBkadI9itK27Vtkpk8mC3mMcSBnTTwXtKW\"\n", path: "Sources/App/Config.swift"),
            .triggering("spring.datasource.password=↓BGgMVGOYn7B3!5\n", path: "application.properties"),
            .triggering("var apiToken string = \"↓Qm9vX2xTr7pLw3Zk\"\n", path: "cmd/deploy/main.go"),
            .triggering("$secret .= \"↓Vq8rT2mLw9zKp4Hx\";\n", path: "config/app.php"),
            .triggering("DEPLOY_TOKEN ::= ↓Xk29fQzL7mWpR4tB\n", path: "Makefile"),
            .triggering("<apiToken>\n    ↓h7Gk2pQx9Wz4Tn6R\n</apiToken>\n", path: "config/settings.xml"),
            .triggering("mailgun_key = \"↓Tq9vX2mLp4RwZ8cN\"\n", path: "mail.py"),
            .triggering("data:\n  github-token: ↓Z2hwXzhWS3F4cnlvMW5JajdCUmQwM1EyeWJ2MDk3U0h6eGdRQTZUQw==\n", path: "k8s/secret.yaml"),
            .triggering("{ \"auths\": { \"ghcr.io\": { \"auth\": \"↓b2N0b2NhdDpnaHBfOFZLcXhyeW8xbklqN0JSZDAzUTJ5YnYwOTdTSHp4Z1FBNlRD\" } } }\n", path: ".docker/config.json"),
            .passing("DB_PASSWORD=changeme\n", path: ".env.example"),
            .passing("  api_token: SGVsbG8gV29ybGQsIHRoaXMgaXMgcGxhaW4gdGV4dA==\n", path: "k8s/config.yaml"),
            .passing("{passwordLabel:\"Password:\",usernameLabel:\"Username:\",tokenLabel:\"Token:\"}\n", path: "web/bundle.js"),
            .passing("$password = $_POST[\"password\"];\nif ($_REQUEST[\"password\"] == $stored) {}\n", path: "docs/login.md"),
            .passing("    func tokenize(tokenCallback: FTS5TokenCallback?)\n- tokenCallback: FTS5TokenCallback?\n", path: "Documentation/FTS5.md"),
            .passing("    password: ENC[AES256_GCM,data:Tr3kq9Zx8w==,iv:4fQx2s9Lk1o=,tag:Zk8qW3==,type:str]\n", path: "secrets.enc.yaml"),
            .passing("\"auth_token\": \"Bearer-{AccessToken}-{TenantId}\",\n", path: "appsettings.json"),
            .passing("password = os.environ[\"DB_PASSWORD\"]\n", path: "settings.py"),
            .passing("let token = try keychain.read(account: \"deploy\")\n", path: "Sources/App/Deploy.swift"),
            .passing("api_key: ${API_KEY}\n", path: "config.yml"),
            .passing("token_url = \"https://auth.example.com/oauth/token\"\n", path: "client.py"),
            .passing("secret_name: prod-db-credentials-v2\n", path: "k8s/deployment.yaml"),
            .passing("session_token = \"123e4567-e89b-12d3-a456-426614174000\"\n", path: "fixtures.py"),
            .passing("password: \"{{ vault_db_password }}\"\n", path: "ansible/vars.yml"),
            .passing("if password == \"Xk29fQzL7mWp\" { fail() }\n", path: "Sources/App/Login.swift"),
        ]
    )

    static let kind = SecretKind(description: description, revoke: "where it was issued", freeForm: true) { configuration in
        [AssignmentMatcher(minLength: max(1, configuration.int("min_length")))]
    }
}
