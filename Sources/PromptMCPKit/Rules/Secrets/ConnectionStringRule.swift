/// Passwords in key=value connection strings (ADO.NET, ODBC, JDBC properties):
/// `Server=db;Database=app;User Id=app;Password=...;`.
enum ConnectionStringRule {
    static let description = RuleDescription(
        id: "secrets/connection-string",
        summary: """
            A password in a key=value connection string (ADO.NET, ODBC: `Server=...;User Id=...;Password=...;`, `Pwd=`), \
            where the same string names a server, data source, host, user or database. Placeholders, variables and \
            default passwords are not reported.
            """,
        defaultSeverity: .error,
        policyKey: "secrets.rules.connection-string",
        examples: [
            .triggering("\"Default\": \"Server=tcp:sql.internal,1433;Database=orders;User Id=orders_app;Password=↓Vq8#rT2m!Lw9zK;\"\n", path: "appsettings.json"),
            .triggering("conn = pyodbc.connect(\"DRIVER={ODBC Driver 18};SERVER=db01;UID=report;PWD=↓h7Gk2pQx9Wz4;\")\n", path: "report.py"),
            .passing("\"Default\": \"Server=localhost;Database=orders;User Id=sa;Password={DB_PASSWORD};\"\n", path: "appsettings.json"),
            .passing("var cs = $\"Server={host};Database=app;Password={password};\";\n", path: "Db.cs"),
            .passing("Data Source=app.db;Password=changeme\n", path: "docs/setup.md"),
        ]
    )

    static let kind = SecretKind(description: description, revoke: "change the database user's password", freeForm: true) { _ in
        [ConnectionStringMatcher()]
    }
}

struct ConnectionStringMatcher: SecretMatcher {
    var keywords: [[UInt8]] { ["password=", "pwd="].map { Array($0.utf8) } }
    var foldsCase: Bool { true }

    /// Keys that make a `Password=` part of a connection string, not a lone assignment.
    private static let companions = ["server=", "data source=", "host=", "uid=", "user id=", "username=", "database=",
                                     "initial catalog=", "dsn=", "driver="].map { Array($0.utf8) }
    private static let valueEnd = ByteSet(";\"'`\n\r")

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        let bytes = text.bytes
        // The keyword must start a key: after `;`, a quote or a blank, not inside a longer name.
        if start > text.lower, !";\"' \t{".utf8.contains(bytes[start - 1]) { return nil }
        let lineStart = text.lineStart(start)
        guard Self.companions.contains(where: { companion in
            (lineStart..<start).contains { text.hasFoldedLiteral(companion, at: $0) }
        }) else { return nil }
        let valueStart = start + keywords[keyword].count
        var end = valueStart
        while end < text.upper, !Self.valueEnd.contains(bytes[end]) { end += 1 }
        let value = Array(bytes[valueStart..<end])
        guard value.count >= 6, !value.contains(0x20), !URLPasswordMatcher.isDefault(value),
              SecretEntropy.bits(value) >= SecretEntropy.threshold(length: value.count),
              !SecretFilters.isPlaceholderValue(value) else { return nil }
        return SecretMatch(value: valueStart..<end, label: "password in a connection string")
    }
}
