/// npm access tokens, as written in `.npmrc` files.
public struct NPMTokenRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/npm-token",
        summary: "An npm access token: npm_ followed by 36 letters and digits.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.npm-token",
        examples: [
            .triggering("//registry.npmjs.org/:_authToken=↓npm_DrUd7z14cKuuBNf0gmUBUhWRQdIAUDFbxtBe\n", path: ".npmrc"),
            .passing("//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", path: ".npmrc"),
            .passing("const prefix = \"npm_config_\";\n", path: "lib/env.js"),
        ]
    )

    /// gitleaks' `npm-access-token`: `\b(npm_[a-z0-9]{36})` (case-insensitive).
    static let formats = [
        TokenFormat("npm access token", prefixes: ["npm_"], [.run(.alphanumeric, 36)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "npmjs.com: Access Tokens, Delete")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
