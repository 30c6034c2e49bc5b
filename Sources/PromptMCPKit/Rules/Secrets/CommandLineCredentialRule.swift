/// Credentials typed into a command line: `curl -u user:password`, `--user user:password`.
enum CommandLineCredentialRule {
    static let description = RuleDescription(
        id: "secrets/command-line-credential",
        summary: """
            A password given to curl (or wget, http) on its command line: `-u user:password`, `--user user:password`, \
            `--password password`. Variables (`$PASS`), placeholders and a user without a password are not reported.
            """,
        defaultSeverity: .error,
        policyKey: "secrets.rules.command-line-credential",
        examples: [
            .triggering("curl -fsS -u deploy:↓Tq9vX2mLp4Rw https://ci.internal/api/queue\n", path: "scripts/queue.sh"),
            .triggering("    curl --user \"admin:↓b7Hn3Kq9Zs2W\" -X POST $URL\n", path: "docs/api.md"),
            .passing("curl -u \"$USER:$PASSWORD\" https://ci.internal/api/queue\n", path: "scripts/queue.sh"),
            .passing("curl -u user:password https://example.com\n", path: "docs/api.md"),
            .passing("curl -u api_key: https://api.example.com/v1/charges\n", path: "docs/api.md"),
        ]
    )

    static let kind = SecretKind(description: description, revoke: "change the account's password", freeForm: true) { _ in
        [CommandLineCredentialMatcher()]
    }
}

struct CommandLineCredentialMatcher: SecretMatcher {
    var keywords: [[UInt8]] { [" -u ", " --user ", " --user=", " --password ", " --password="].map { Array($0.utf8) } }
    var foldsCase: Bool { false }

    private static let tools = ["curl", "wget", "http "].map { Array($0.utf8) }
    private static let valueEnd = ByteSet(" \t\"'`\n\r")

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        let bytes = text.bytes
        let lineStart = text.lineStart(start)
        guard Self.tools.contains(where: { tool in (lineStart..<start).contains { text.hasLiteral(tool, at: $0) } }) else { return nil }
        var cursor = start + keywords[keyword].count
        if cursor < text.upper, "\"'".utf8.contains(bytes[cursor]) { cursor += 1 }
        var end = cursor
        while end < text.upper, !Self.valueEnd.contains(bytes[end]) { end += 1 }
        // `-u user:password`: the password is after the first colon; `--password x` is all password.
        var valueStart = cursor
        if keyword < 3 {
            guard let colon = (cursor..<end).first(where: { bytes[$0] == UInt8(ascii: ":") }) else { return nil }
            if Array(bytes[cursor..<colon]) == Array(bytes[(colon + 1)..<end]) { return nil }
            valueStart = colon + 1
        }
        let value = Array(bytes[valueStart..<end])
        guard value.count >= 6, !URLPasswordMatcher.isDefault(value),
              SecretEntropy.bits(value) >= SecretEntropy.threshold(length: value.count),
              !SecretFilters.isPlaceholderValue(value) else { return nil }
        return SecretMatch(value: valueStart..<end, label: "password on a command line")
    }
}
