/// The secret detectors, in the order they run and are documented.
enum SecretRules {
    static let all: [any FileRule.Type] = [
        AWSAccessKeyRule.self,
        GitHubTokenRule.self,
        GitLabTokenRule.self,
        SlackTokenRule.self,
        StripeKeyRule.self,
        GoogleAPIKeyRule.self,
        NPMTokenRule.self,
        PyPITokenRule.self,
        OpenAIKeyRule.self,
        AnthropicKeyRule.self,
        SendGridKeyRule.self,
        TwilioKeyRule.self,
        JWTRule.self,
        PrivateKeyRule.self,
        DatabaseURLRule.self,
        GenericSecretRule.self,
    ]

    /// Every provider's token format, so that the free-form rules (generic-secret,
    /// database-url) leave a value to the rule that names it.
    static let providerFormats: [TokenFormat] = AWSAccessKeyRule.formats + GitHubTokenRule.formats
        + GitLabTokenRule.formats + SlackTokenRule.formats + StripeKeyRule.formats + GoogleAPIKeyRule.formats
        + NPMTokenRule.formats + PyPITokenRule.formats + OpenAIKeyRule.formats + AnthropicKeyRule.formats
        + SendGridKeyRule.formats + TwilioKeyRule.formats + [JWTMatcher.format]

    /// Whether `value` starts with a provider's token (which that provider's rule reports).
    static func isProviderToken(_ value: [UInt8]) -> Bool {
        value.withUnsafeBufferPointer { bytes in
            let text = SecretText(bytes: bytes, lower: 0, upper: bytes.count, isCode: false)
            return providerFormats.contains { format in
                format.prefixes.indices.contains { index in
                    text.hasLiteral(format.prefixes[index], at: 0) && format.match(text, prefix: index, at: 0) != nil
                }
            }
        }
    }
}
