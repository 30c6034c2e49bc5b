/// JSON Web Tokens: signed bearer tokens, often long-lived, that grant what their claims say.
enum JWTRule {
    static let description = RuleDescription(
        id: "secrets/jwt",
        summary: "A signed JSON Web Token: three base64url parts separated by dots, the first two JSON objects (eyJ...), the header naming an algorithm; unsigned tokens and jwt.io's example are not reported.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.jwt",
        examples: [
            .triggering("curl -H \"Authorization: Bearer ↓eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzcxYzIiLCJyb2xlIjoiZGVwbG95IiwiaWF0IjoxNzE4MDMxMjM0fQ.pU3KGCUwux1tEyze1iN7LtkeP3IfyxlxF0SU1kk8nVw\" $API\n", path: "scripts/call.sh"),
            .passing("token = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\"\n", path: "docs/auth.md"),
            .passing("const unsigned = \"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1XzcxYzIifQ.\"\n", path: "test/jwt.test.js"),
            .passing("let header = \"eyJ0eXAiOiJKV1Qi\"  // base64url of {\"typ\":\"JWT\"\n", path: "JWT.swift"),
        ]
    )

    static let kind = SecretKind(description: description, revoke: "rotate the signing key, or revoke the token where it was issued", freeForm: false) { _ in [JWTMatcher()] }
}

/// A JWT: gitleaks' `jwt` shape (`ey...\.ey...\.sig`), with a signature of 16 or more
/// characters, and a header that decodes to JSON naming an `alg`.
struct JWTMatcher: SecretMatcher {
    static let base64URL = ByteSet("A-Za-z0-9_-")
    static let format = TokenFormat("JSON Web Token", prefixes: [Array("eyJ".utf8)], [
        .run(base64URL, 10...4000), .literal("."), .literal("eyJ"), .run(base64URL, 10...8000), .literal("."), .run(base64URL, 16...2000),
    ], boundary: ByteSet("A-Za-z0-9_.-"))

    var keywords: [[UInt8]] { Self.format.keywords }
    var foldsCase: Bool { false }

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        guard let match = (Self.format as any SecretMatcher).match(text, keyword: keyword, at: start) else { return nil }
        var headerEnd = start
        while text.bytes[headerEnd] != UInt8(ascii: ".") { headerEnd += 1 }
        guard let header = Base64.decode(text.bytes[start..<headerEnd], urlSafe: true),
              SecretFilters.containsAny(header, [Array("\"alg\"".utf8)]) else { return nil }
        return match
    }
}
