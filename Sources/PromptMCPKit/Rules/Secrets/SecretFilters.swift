/// Values shaped like secrets that are not: placeholders, templates, lookups, published examples,
/// identifiers and hashes. A secret scanner that cries wolf gets switched off, so each filter
/// here answers a false positive seen in real repositories; each is cheap, and runs only on a
/// value that a matcher already found.
enum SecretFilters {
    /// Credentials published in documentation, never valid: AWS's IAM examples, the jwt.io
    /// token, GitHub's docs token, Slack's docs bot token, Google samples (from gitleaks' list).
    static let documentationExamples: Set<String> = [
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
        "AIzaSyabcdefghijklmnopqrstuvwxyz1234567",
        "AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs",
        "AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM",
        "AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU",
        "AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0",
    ]

    /// Words that mark a made-up token, in one case (`fake`, `FAKE`, `Fake`): random mixed-case
    /// text holds `FaKe` as often as `fake`, but all three forms of a 4-letter word turn up in
    /// fewer than 1 in 100,000 random 40-character tokens.
    private static let tokenMarkers = inEachCase(["example", "sample", "dummy", "fake", "placeholder", "redacted", "xxxx"])

    /// Words that mark a made-up value in an assignment (`password: changeme`,
    /// `api_key = "test-key-123"`): the token markers and the words people type when they mean
    /// "something goes here". `test` is one: a value with it is a fixture, not a credential.
    private static let valueMarkers = tokenMarkers + inEachCase([
        "changeme", "change_me", "change-me", "changeit", "test", "mock", "password", "passwd", "secret",
        "your", "todo", "fixme", "foobar", "lorem", "insert", "replace", "****", "...", "\u{2026}",
    ])

    private static func inEachCase(_ words: [String]) -> [[UInt8]] {
        Array(Set(words.flatMap { [$0, $0.uppercased(), $0.prefix(1).uppercased() + $0.dropFirst()] })).map { Array($0.utf8) }
    }

    /// For a provider's token, whose shape is already strict: published examples, marker
    /// words, and ordered or repeated runs (`abcdefgh`, `000000`).
    static func isPlaceholderToken(_ value: [UInt8]) -> Bool {
        documentationExamples.contains(String(decoding: value, as: UTF8.self))
            || containsAny(value, tokenMarkers)
            || isPatterned(value)
            || isSequential(value)
    }

    /// For a free-form value (an assignment's value, a URL's password): also templates,
    /// environment and secret-store lookups, identifiers, paths, numbers, UUIDs, integrity
    /// hashes, plain words and base64 of plain text.
    static func isPlaceholderValue(_ value: [UInt8]) -> Bool {
        let lower = lowercased(value)
        return documentationExamples.contains(String(decoding: value, as: UTF8.self))
            || containsAny(value, valueMarkers)
            || isPatterned(value)
            || isSequential(value)
            || isTemplateOrLookup(value, lower)
            || isTypeName(value)
            || isUUID(value)
            || isIntegrityHash(lower)
            || isPathOrURL(value)
            || isNumberLike(value)
            || looksLikeWords(value)
            || isBase64OfText(value)
    }

    // MARK: - The filters

    /// Typed by counting up (`AIzaSyDOCAbC123dEf456GhI789jKl012-MnO`, the sample key in Firebase's
    /// and Google's SDK docs): a third of its steps go to the next letter or digit, ignoring
    /// case. In random text of 62 symbols about 1 step in 36 does.
    static func isSequential(_ value: [UInt8]) -> Bool {
        guard value.count >= 12 else { return false }
        let steps = (1..<value.count).filter { index in
            let previous = SecretText.lowercased(value[index - 1]), byte = SecretText.lowercased(value[index])
            return byte == previous + 1 && ByteSet.alphanumeric.contains(byte) && ByteSet.alphanumeric.contains(previous)
        }.count
        return steps * 3 >= value.count - 1
    }

    /// A type in a declaration (`tokenCallback: FTS5TokenCallback?`, `password: Secret!`): a
    /// capitalised identifier marked optional.
    static func isTypeName(_ value: [UInt8]) -> Bool {
        guard let first = value.first, let last = value.last, value.count >= 2,
              first >= 0x41, first <= 0x5A, last == UInt8(ascii: "?") || last == UInt8(ascii: "!") else { return false }
        return value.dropLast().allSatisfy { ByteSet("A-Za-z0-9_.").contains($0) }
    }

    /// Mostly ordered (`abcdef123456`), a long run of one byte (`000000`), or one short unit
    /// repeated (`abcabcabc`, `Passw0rdPassw0rd`).
    static func isPatterned(_ value: [UInt8]) -> Bool {
        guard value.count >= 4 else { return true }
        var ascending = 0
        var descending = 0
        var run = 1
        for index in 1..<value.count {
            let step = Int(value[index]) - Int(value[index - 1])
            if step == 1 { ascending += 1 }
            if step == -1 { descending += 1 }
            if step == 0 {
                run += 1
                if run >= 6 { return true }
            } else {
                run = 1
            }
        }
        if Double(max(ascending, descending)) >= 0.5 * Double(value.count - 1) { return true }
        for unit in 1...max(1, value.count / 2) where value.count % unit == 0 && unit < value.count {
            if (unit..<value.count).allSatisfy({ value[$0] == value[$0 - unit] }) { return true }
        }
        return false
    }

    /// `${TOKEN}`, `$TOKEN`, `\(token)`, `{{ secret }}`, `%(password)s`, `<your-token>`, `process.env.X`,
    /// `os.environ[...]`, `ENV[...]`, `getenv(`, `System.getenv`, `secrets.X`, `vault:...` and kin.
    static func isTemplateOrLookup(_ value: [UInt8], _ lower: [UInt8]) -> Bool {
        guard let first = value.first, let last = value.last else { return true }
        let wrapped: [(UInt8, UInt8)] = [("<", ">"), ("[", "]"), ("{", "}"), ("(", ")"), ("%", "%"), ("@", "@"), ("_", "_")]
            .map { (UInt8(ascii: $0.0), UInt8(ascii: $0.1)) }
        if wrapped.contains(where: { $0.0 == first && $0.1 == last }) { return true }
        // A variable or a YAML alias, tag or anchor: `$DB_PASSWORD`, `*default`, `!vault |`.
        if "$*&!".utf8.contains(first) { return true }
        // SOPS: `ENC[AES256_GCM,data:...]`, a value encrypted in place.
        if hasPrefix(lower, Array("enc[".utf8)) { return true }
        return containsAny(lower, templateMarkers) || hasNamedPlaceholder(value)
    }

    private static let templateMarkers = [
        "${", "$(", "\\(", "{{", "}}", "{%", "<%", "%(", "#{", "%s", "{}", "{0}",
        "process.env", "environ", "getenv", "env[", "env.", "env(", "env::", "secrets.", "vars.", "settings.",
        "config.", "vault:", "arn:aws:", "ref+", "keyvault", "secretmanager", "ssm:", "op://", "inputs.",
    ].map { Array($0.utf8) }

    /// `{ApiKey}`, `key-{Tenant}-{env}`: a named slot that a template fills.
    static func hasNamedPlaceholder(_ value: [UInt8]) -> Bool {
        var open: Int?
        for (index, byte) in value.enumerated() {
            if byte == UInt8(ascii: "{") {
                open = index
            } else if byte == UInt8(ascii: "}"), let start = open, index > start + 1,
                      value[(start + 1)..<index].allSatisfy({ ByteSet("A-Za-z0-9_.-").contains($0) }) {
                return true
            } else if !ByteSet("A-Za-z0-9_.-").contains(byte) {
                open = nil
            }
        }
        return false
    }

    /// `123e4567-e89b-12d3-a456-426614174000`: an identifier, not a credential.
    static func isUUID(_ value: [UInt8]) -> Bool {
        guard value.count == 36 else { return false }
        for (index, byte) in value.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                if byte != UInt8(ascii: "-") { return false }
            } else if !ByteSet.hex.contains(byte) {
                return false
            }
        }
        return true
    }

    /// Subresource integrity (`sha512-...` in package-lock.json and yarn.lock): public hashes.
    static func isIntegrityHash(_ lower: [UInt8]) -> Bool {
        ["sha1-", "sha256-", "sha384-", "sha512-", "md5-"].contains { hasPrefix(lower, Array($0.utf8)) }
    }

    /// `/run/secrets/db`, `./keys/dev.pem`, `C:\keys`, `https://...` (a URL's password is the
    /// database-url rule's business).
    static func isPathOrURL(_ value: [UInt8]) -> Bool {
        if containsAny(value, [Array("://".utf8)]) { return true }
        if value.first == UInt8(ascii: "/") || value.first == UInt8(ascii: "~") { return true }
        if hasPrefix(value, Array("./".utf8)) || hasPrefix(value, Array("../".utf8)) { return true }
        return value.count > 2 && value[1] == UInt8(ascii: ":") && value[2] == UInt8(ascii: "\\")
    }

    /// Digits with separators only: ports, ids, dates, versions, phone numbers.
    static func isNumberLike(_ value: [UInt8]) -> Bool {
        value.allSatisfy { ByteSet.digits.contains($0) || "._-:/+ ".utf8.contains($0) }
    }

    /// Letters only, in pieces that read like words: `SuperSecretPassword`,
    /// `correct-horse-battery-staple`, `var.db_password`, `SECRET_KEY`. Pieces are cut at
    /// separators and case changes (`HTTPServer` is HTTP, Server), must average 3.5 letters with
    /// at most one single letter; a capitalised or lowercase piece of 3 or more needs a vowel
    /// (unless it is a whole short chunk: `db`, `rds`) and no 5 consonants in a row (`Length` has
    /// 4); a capital run longer than 4 must be a whole chunk (`SECRET`). Random letters mostly fail that (`qXzTbWmK`,
    /// `sQFvijxikcckUW`: about 1 in 75 random 16-letter strings pass, and random tokens are
    /// letters only 1 time in 16), and a value with a digit is never words.
    static func looksLikeWords(_ value: [UInt8]) -> Bool {
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        var pieces: [(letters: ArraySlice<UInt8>, chunkIsUpper: Bool, wholeChunk: Bool)] = []
        var chunkStart = 0
        for end in 0...value.count where end == value.count || !(isUpper(value[end]) || isLower(value[end])) {
            if end < value.count, !"._-/:".utf8.contains(value[end]) { return false }  // a digit or a symbol
            defer { chunkStart = end + 1 }
            guard end > chunkStart else { continue }
            let chunk = value[chunkStart..<end]
            let chunkIsUpper = chunk.allSatisfy(isUpper)
            var pieceStart = chunk.startIndex
            var cuts: [ArraySlice<UInt8>] = []
            for index in chunk.indices.dropFirst() {
                let next: UInt8 = index + 1 < end ? value[index + 1] : 0
                // A new piece at lower→Upper, and at the last capital of a run before lowercase.
                if isUpper(value[index]), isLower(value[index - 1]) || (isUpper(value[index - 1]) && isLower(next)) {
                    cuts.append(value[pieceStart..<index])
                    pieceStart = index
                }
            }
            cuts.append(value[pieceStart..<end])
            pieces += cuts.map { ($0, chunkIsUpper, cuts.count == 1) }
        }
        guard !pieces.isEmpty else { return false }
        let letters = pieces.reduce(0) { $0 + $1.letters.count }
        guard Double(letters) / Double(pieces.count) >= 3.5,
              pieces.filter({ $0.letters.count == 1 }).count < 2 else { return false }  // `sQFvij...`: s, Q
        return pieces.allSatisfy { piece in
            let letters = piece.letters
            if letters.allSatisfy(isUpper) { return letters.count <= 4 || piece.chunkIsUpper }
            if letters.count <= 3, piece.wholeChunk { return true }
            var vowels = 0
            var consonants = 0
            for byte in letters {
                if "aeiouyAEIOUY".utf8.contains(byte) {
                    vowels += 1
                    consonants = 0
                } else {
                    consonants += 1
                    if consonants >= 5 { return false }
                }
            }
            return letters.count < 3 || vowels > 0
        }
    }

    /// Standard base64 whose bytes are plain text (`SGVsbG8gV29ybGQ=`: "Hello World"), a
    /// sentence, JSON or a made-up word: encoded, not secret. Base64 of random bytes (most
    /// tokens) decodes to binary and is not skipped.
    static func isBase64OfText(_ value: [UInt8]) -> Bool {
        guard value.count >= 12, value.count % 4 == 0, let decoded = Base64.decode(value, urlSafe: false) else { return false }
        guard decoded.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return false }
        let structured = decoded.contains { " \t\n{}:,<\"".utf8.contains($0) }
        return structured || looksLikeWords(decoded) || containsAny(decoded, valueMarkers)
    }

    // MARK: - Bytes

    static func lowercased(_ value: [UInt8]) -> [UInt8] { value.map(SecretText.lowercased) }

    static func hasPrefix(_ value: [UInt8], _ prefix: [UInt8]) -> Bool {
        value.count >= prefix.count && value[0..<prefix.count].elementsEqual(prefix)
    }

    static func containsAny(_ value: [UInt8], _ needles: [[UInt8]]) -> Bool {
        needles.contains { needle in
            guard value.count >= needle.count else { return false }
            return (0...(value.count - needle.count)).contains { start in
                value[start..<(start + needle.count)].elementsEqual(needle)
            }
        }
    }
}
