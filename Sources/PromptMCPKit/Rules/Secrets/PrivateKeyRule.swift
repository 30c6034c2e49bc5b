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
            // ssh-keygen's default format, unencrypted (a throwaway key made for this example).
            .triggering("""
            ↓-----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACCV0wYqwny9YbmXJJHPJoDJsq5XzXicB2T7Hq63OIrkHAAAAIjsXhmR7F4Z
            kQAAAAtzc2gtZWQyNTUxOQAAACCV0wYqwny9YbmXJJHPJoDJsq5XzXicB2T7Hq63OIrkHA
            AAAECOPPnwkRmrasftxGkrBKpMa5hsz7CEaLF9Q+116xuPDpXTBirCfL1huZckkc8mgMmy
            rlfNeJwHZPserrc4iuQcAAAAAAECAwQF
            -----END OPENSSH PRIVATE KEY-----

            """, path: "deploy/id_ed25519"),
            .triggering("key = \"↓-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\nQyNTUxOQAAACCV0wYqwny9YbmXJJHPJoDJsq5XzXicB2T7Hq63OIrkHAAAAIjsXhmR7F4Z\\nkQAAAAtzc2gtZWQyNTUxOQAAACCV0wYqwny9YbmXJJHPJoDJsq5XzXicB2T7Hq63OIrkHA\\nAAAECOPPnwkRmrasftxGkrBKpMa5hsz7CEaLF9Q+116xuPDpXTBirCfL1huZckkc8mgMmy\\nrlfNeJwHZPserrc4iuQcAAAAAAECAwQF\\n-----END OPENSSH PRIVATE KEY-----\\n\"\n", path: "deploy/keys.py"),
            .passing("""
            -----BEGIN RSA PRIVATE KEY-----
            ...your key here...
            -----END RSA PRIVATE KEY-----

            """, path: "docs/tls.md"),
            .passing("if line.hasPrefix(\"-----BEGIN PRIVATE KEY-----\") { inKey = true }\n", path: "PEM.swift"),
            .passing("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n", path: "keys/server.pub"),
        ]
    )

    /// Free-form: its matcher judges the material itself (the token filters would take the zeros of
    /// an OpenSSH header for a placeholder).
    static let kind = SecretKind(description: description, revoke: "replace the key pair and revoke certificates issued for it", freeForm: true) { _ in [PrivateKeyMatcher()] }
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
    /// `openssh-key-v1\0` in base64.
    private static let openSSHMagic = Array("b3BlbnNzaC1rZXktdjE".utf8)

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
                    // ssh-keygen's own format opens with `openssh-key-v1` and a header of zeros
                    // (an unencrypted key's first line scores under 4 bits): the magic vouches.
                    guard SecretEntropy.bits(bytes, cursor..<end) >= 4.0
                            || text.hasLiteral(Self.openSSHMagic, at: cursor) else { return nil }
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
