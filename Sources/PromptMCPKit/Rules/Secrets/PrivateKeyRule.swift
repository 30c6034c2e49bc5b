/// Private keys in PEM or OpenSSH armour: a BEGIN line followed by key material.
enum PrivateKeyRule {
    static let description = RuleDescription(
        id: "secrets/private-key",
        summary: "A private key block (-----BEGIN ... PRIVATE KEY-----: RSA, EC, DSA, OpenSSH, PKCS #8, encrypted, PGP) followed by at least 40 characters of base64 key material, in the file or in a string with \\n escapes.",
        defaultSeverity: .error,
        policyKey: "secrets.rules.private-key",
        examples: [
            .triggering("""
            ↓-----BEGIN PRIVATE KEY-----
            MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQJ6Cus/7pIy+K8i
            nuSRxbEL7LVWO/web5NCfsvI/ilV5c2ORtyO1LfCdk0qWk12dwb4XYaQAkrWvaNA
            -----END PRIVATE KEY-----

            """, path: "deploy/server.key"),
            .triggering("  \"private_key\": \"↓-----BEGIN RSA PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQJ6Cus/7pIy+K8i\\n-----END RSA PRIVATE KEY-----\\n\",\n", path: "service-account.json"),
            .passing("""
            -----BEGIN RSA PRIVATE KEY-----
            ...your key here...
            -----END RSA PRIVATE KEY-----

            """, path: "docs/tls.md"),
            .passing("if line.hasPrefix(\"-----BEGIN PRIVATE KEY-----\") { inKey = true }\n", path: "PEM.swift"),
            .passing("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n", path: "keys/server.pub"),
        ]
    )

    static let kind = SecretKind(description: description, revoke: "replace the key pair and revoke certificates issued for it", freeForm: false) { _ in [PrivateKeyMatcher()] }
}

/// gitleaks' `private-key` (`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----` and 64
/// characters more), read line by line: the BEGIN line must be added, and within the next six
/// lines (header lines such as `Proc-Type:` and blank lines skipped) a line of at least 40
/// base64 characters must follow. That line is the value: hashed for the fingerprint, never shown.
struct PrivateKeyMatcher: SecretMatcher {
    private static let begin = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)
    private static let privateKey = Array("PRIVATE KEY".utf8)
    private static let label = ByteSet("A-Z0-9 _-")
    private static let base64 = ByteSet("A-Za-z0-9+/=")

    var keywords: [[UInt8]] { [Self.begin] }
    var foldsCase: Bool { false }

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        let bytes = text.bytes
        // The armour label: `-----BEGIN RSA PRIVATE KEY-----`.
        let labelStart = start + Self.begin.count
        var cursor = labelStart
        while cursor < text.upper, cursor - labelStart <= 100, Self.label.contains(bytes[cursor]), !text.hasLiteral(Self.dashes, at: cursor) {
            cursor += 1
        }
        guard text.hasLiteral(Self.dashes, at: cursor) else { return nil }
        let labelBytes = Array(bytes[labelStart..<cursor])
        guard SecretFilters.containsAny(labelBytes, [Self.privateKey]) else { return nil }
        cursor += Self.dashes.count
        // The key material: skip line breaks (real, or `\n` escapes in a string) and header lines.
        var lines = 0
        while cursor < bytes.count, lines <= 6 {
            if bytes[cursor] == 0x0A || bytes[cursor] == 0x0D || bytes[cursor] == 0x20 || bytes[cursor] == 0x09 {
                if bytes[cursor] == 0x0A { lines += 1 }
                cursor += 1
            } else if bytes[cursor] == UInt8(ascii: "\\"), cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "n") {
                lines += 1
                cursor += 2
            } else if Self.base64.contains(bytes[cursor]) {
                var end = cursor
                while end < bytes.count, Self.base64.contains(bytes[end]) { end += 1 }
                if end - cursor >= 40, end == bytes.count || !Self.isHeaderColon(bytes[end]) {
                    guard SecretEntropy.bits(bytes, cursor..<end) >= 4.0 else { return nil }
                    return SecretMatch(value: cursor..<end, label: Self.name(labelBytes), position: start)
                }
                // A header line (`Proc-Type: 4,ENCRYPTED`): skip to the end of the line.
                guard end < bytes.count, Self.isHeaderColon(bytes[end]) || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: ",") else { return nil }
                while cursor < bytes.count, bytes[cursor] != 0x0A, !(bytes[cursor] == UInt8(ascii: "\\") && cursor + 1 < bytes.count && bytes[cursor + 1] == UInt8(ascii: "n")) {
                    cursor += 1
                }
            } else {
                return nil
            }
        }
        return nil
    }

    private static func isHeaderColon(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ":") }

    /// "RSA private key", "OpenSSH private key", "private key".
    private static func name(_ label: [UInt8]) -> String {
        let kind = String(decoding: label, as: UTF8.self)
            .replacingOccurrences(of: "PRIVATE KEY", with: "")
            .replacingOccurrences(of: "BLOCK", with: "")
            .trimmingCharacters(in: .whitespaces)
        switch kind {
        case "": return "private key"
        case "OPENSSH": return "OpenSSH private key"
        case "ENCRYPTED": return "encrypted private key"
        default: return "\(kind) private key"
        }
    }
}

import Foundation
