/// Passwords written into connection URLs: `postgres://app:s3cret@db/prod`, and the same in
/// any scheme (amqp, redis, mongodb+srv, https, ftp ...).
enum DatabaseURLRule {
    static let description = RuleDescription(
        id: "secrets/database-url",
        summary: "A password in a connection URL (scheme://user:password@host): databases, brokers, caches and any other scheme. Placeholders, variables, default passwords (postgres, root, guest ...) and a password equal to the user are not reported.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.database-url",
        examples: [
            .triggering("DATABASE_URL=postgres://billing:↓q7Rz2mVx9LkP4wT@db.internal:5432/billing\n", path: ".env"),
            .triggering("    url: \"mongodb+srv://reporter:↓Hk3n9Qz8vW2mXr5@cluster0.ab1cd.mongodb.net/reports\"\n", path: "config/app.yml"),
            .passing("DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev\n", path: "docker-compose.yml"),
            .passing("url = \"postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app\"\n", path: "settings.py"),
            .passing("amqp://guest:guest@rabbitmq:5672/\n", path: "README.md"),
            .passing("redis://:<password>@cache:6379/0\n", path: "docs/cache.md"),
            .passing("DATABASE_URL=postgres://app:%3Cpassword%3E@db.internal/app\n", path: ".env.example"),
            .passing("See https://user:pass@example.com for the syntax.\n", path: "docs/urls.md"),
        ]
    )

    static let kind = SecretKind(description: description, revoke: "change the account's password", freeForm: true) { _ in [URLPasswordMatcher()] }
}

/// `scheme://user:password@host`, found from its `://`: the scheme before it, then the
/// authority up to the first `/`, `?`, `#`, space or quote, split at its last `@`.
struct URLPasswordMatcher: SecretMatcher {
    private static let scheme = ByteSet("A-Za-z0-9+.-")
    /// Bytes that end a URL's authority.
    private static let authorityEnd = ByteSet("/?#\"'`<>() \t\r\n\\")
    /// Passwords that ship as defaults, and words that stand for a password.
    private static let defaults: Set<String> = [
        "password", "pass", "passwd", "pwd", "secret", "root", "admin", "administrator", "postgres", "mysql",
        "mariadb", "mongo", "mongodb", "redis", "guest", "rabbitmq", "user", "username", "default", "changeme",
        "example", "test", "dev", "local", "localhost", "sa", "oracle", "qwerty", "letmein", "123456", "12345678",
    ]

    static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let byte = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                output.append(byte)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// A default password, or a word that stands for one.
    static func isDefault(_ value: [UInt8]) -> Bool {
        defaults.contains(String(decoding: value, as: UTF8.self).lowercased())
    }

    var keywords: [[UInt8]] { [Array("://".utf8)] }
    var foldsCase: Bool { false }

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        let bytes = text.bytes
        var schemeStart = start
        while schemeStart > text.lower, Self.scheme.contains(bytes[schemeStart - 1]) { schemeStart -= 1 }
        guard start - schemeStart >= 2, ByteSet.alphanumeric.contains(bytes[schemeStart]) else { return nil }
        let authorityStart = start + 3
        var authorityEnd = authorityStart
        var at: Int?
        while authorityEnd < text.upper, !Self.authorityEnd.contains(bytes[authorityEnd]) {
            if bytes[authorityEnd] == UInt8(ascii: "@") { at = authorityEnd }
            authorityEnd += 1
        }
        guard let at, at + 1 < authorityEnd,
              let colon = (authorityStart..<at).first(where: { bytes[$0] == UInt8(ascii: ":") }),
              colon + 1 < at else { return nil }
        let user = Array(bytes[authorityStart..<colon])
        // Judged as the URL means it: `p%40ss` is `p@ss`, `%3Cpassword%3E` is `<password>`.
        let password = Self.percentDecoded(Array(bytes[(colon + 1)..<at]))
        guard password.count >= 6, password != user, !Self.isDefault(password),
              SecretEntropy.bits(password) >= SecretEntropy.threshold(length: password.count),
              !SecretFilters.isPlaceholderValue(password), !SecretRules.isProviderToken(password) else { return nil }
        let scheme = text.string(schemeStart..<start).lowercased()
        let host = text.string((at + 1)..<authorityEnd)
        return SecretMatch(value: (colon + 1)..<at, label: "password in a \(scheme):// URL (user '\(String(decoding: user, as: UTF8.self))', host \(host))")
    }
}
