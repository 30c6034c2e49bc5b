/// The bundled provider rules: data compiled into the binary (no file is read or parsed when a
/// hook runs); each pattern is compiled the first time a process builds the secret rules.
enum ProviderCatalog {
    static let rules: [ProviderRule] = cloud + ops + code + chat + payment + messaging + ai

    static let kinds: [SecretKind] = rules.map(\.kind)

    /// Every format that starts with a literal prefix, so that the free-form rules (generic-secret,
    /// database-url) leave a value to the rule that names it.
    static let prefixedFormats: [TokenFormat] = rules.filter(\.names.isEmpty).flatMap { $0.compiled() }
}
