/// The secret rules, in the order their keywords are tried and they are documented: the
/// provider catalog first, then the structural rules, the generic assignment rule last.
enum SecretRules {
    static let builtIn: [SecretKind] = ProviderCatalog.kinds + [
        JWTRule.kind,
        PrivateKeyRule.kind,
        DatabaseURLRule.kind,
        ConnectionStringRule.kind,
        CommandLineCredentialRule.kind,
        GenericSecretRule.kind,
    ]

    static var descriptions: [RuleDescription] { builtIn.map(\.description) }

    /// The built-in rules and the policy's own (`secrets.custom`).
    static func kinds(_ policy: Policy) throws -> [SecretKind] {
        try builtIn + policy.customSecrets.map { try $0.kind() }
    }

    private static let prefixedFormats = ProviderCatalog.prefixedFormats + [JWTMatcher.format]

    /// Whether `value` is a provider's token as a whole (which that provider's rule reports).
    static func isProviderToken(_ value: [UInt8]) -> Bool {
        value.withUnsafeBufferPointer { bytes in
            let text = SecretText(bytes: bytes, lower: 0, upper: bytes.count, isCode: false)
            return prefixedFormats.contains { format in
                format.prefixes.indices.contains { index in
                    let prefix = format.prefixes[index]
                    // A format with runs before its prefix (`[0-9]{8,10}:AA...`) has it inside.
                    let offsets = format.before.isEmpty ? [0] : (0..<max(0, bytes.count - prefix.count + 1)).filter { text.hasLiteral(prefix, at: $0) }
                    return offsets.contains { offset in
                        guard text.hasLiteral(prefix, at: offset), let match = format.match(text, prefix: index, at: offset) else { return false }
                        return offset == 0 || match.value.lowerBound == 0
                    }
                }
            }
        }
    }

    /// The name of the provider token that `value` holds when base64-decoded (as a whole, or as
    /// one field of the JSON or `user:token` text it decodes to), if any.
    static func encodedProviderToken(_ value: [UInt8]) -> String? {
        guard value.count >= 24, let decoded = Base64.decode(value, urlSafe: false) ?? Base64.decode(value, urlSafe: true),
              decoded.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        for piece in decoded.split(whereSeparator: { " \":,{}=@'".utf8.contains($0) }) where piece.count >= 16 {
            let bytes = Array(piece)
            if isProviderToken(bytes) {
                return prefixedFormats.first { format in format.prefixes.contains { SecretFilters.hasPrefix(bytes, $0) } }?.name ?? "token"
            }
        }
        return nil
    }

    private static let assignedRules = ProviderCatalog.rules.filter { !$0.names.isEmpty }.map { rule in
        (names: rule.nameKeywords, formats: rule.compiled())
    }

    /// Whether `value`, assigned to `name` (lowercase), is what a provider rule found by name
    /// reports (`HEROKU_API_KEY=<uuid>`), so that the generic rule leaves it to that rule.
    static func isAssignedProviderToken(name: [UInt8], value: [UInt8]) -> Bool {
        value.withUnsafeBufferPointer { bytes in
            let text = SecretText(bytes: bytes, lower: 0, upper: bytes.count, isCode: false)
            return assignedRules.contains { rule in
                rule.names.contains { SecretFilters.containsAny(name, [$0]) }
                    && rule.formats.contains { TokenFormat.walk($0.segments, text, from: 0)?.end == bytes.count }
            }
        }
    }
}
