/// Finds `name = "value"`, `name: value`, `"name": "value"`, `NAME=value`, `name := "value"`,
/// `'name' => 'value'`, `("name", "value")` and `<name>value</name>` where the name says secret,
/// from a keyword inside the name. Cheap checks come first (an assignment operator, a quoted
/// value in program text), the name's words next, the value's filters last.
struct AssignmentMatcher: SecretMatcher {
    let minLength: Int

    /// Stems of secret-like names, lowercase.
    var keywords: [[UInt8]] { Self.stems }
    var foldsCase: Bool { true }

    private static let stems = ["pass", "pwd", "secret", "token", "auth", "cred", "key"].map { Array($0.utf8) }

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        guard let (name, value) = AssignmentSyntax.locate(text, keyword: start..<(start + Self.stems[keyword].count)),
              value.count >= minLength, value.count <= 1000,
              SecretName(text.bytes, name).isSecretLike else { return nil }
        let candidate = Array(text.bytes[value])
        // A provider's token, base64-encoded (a Kubernetes Secret's `data:`, a Docker `auth`):
        // decoded, it is plain text, which the filters below would let go.
        if let label = SecretRules.encodedProviderToken(candidate) {
            return SecretMatch(value: value, label: "base64-encoded \(label) assigned to '\(text.string(name))'")
        }
        guard !candidate.contains(where: { $0 == 0x20 || $0 == 0x09 }),
              SecretEntropy.bits(candidate) >= SecretEntropy.threshold(length: candidate.count),
              !SecretFilters.isPlaceholderValue(candidate),
              !SecretRules.isProviderToken(candidate),
              // `AccountKey=...` is itself a provider's format, context and all.
              !SecretRules.isProviderToken(Array(text.bytes[name.lowerBound..<value.upperBound])),
              !SecretRules.isAssignedProviderToken(name: SecretFilters.lowercased(Array(text.bytes[name])), value: candidate) else { return nil }
        return SecretMatch(value: value, label: "secret-like value assigned to '\(text.string(name))'")
    }
}

/// How a value is assigned to a name, in the forms programs and configuration files write.
enum AssignmentSyntax {
    private static let nameBytes = ByteSet("A-Za-z0-9_.-")
    private static let quotes = ByteSet("\"'`")
    /// Bytes that end a bare value (configuration files).
    private static let bareEnd = ByteSet(" \t\r\n,;)]}\"'<`")

    /// The name around `keyword` and the value assigned to it, if the name is assigned a value.
    static func locate(_ text: SecretText, keyword: Range<Int>) -> (name: Range<Int>, value: Range<Int>)? {
        let bytes = text.bytes
        var nameStart = keyword.lowerBound
        while nameStart > text.lower, nameBytes.contains(bytes[nameStart - 1]) { nameStart -= 1 }
        var nameEnd = keyword.upperBound
        while nameEnd < text.upper, nameBytes.contains(bytes[nameEnd]) { nameEnd += 1 }
        guard nameEnd - nameStart <= 100 else { return nil }
        let before: UInt8 = nameStart > text.lower ? bytes[nameStart - 1] : 0
        // `("name", "value")` counts only as a call's first two arguments (`define('DB_PASSWORD', '...')`,
        // `headers.set("Authorization", "Bearer ...")`), not in a list of strings.
        var opening = nameStart - 2
        while opening >= text.lower, bytes[opening] == 0x20 { opening -= 1 }
        let firstArgument = quotes.contains(before) && opening >= text.lower && bytes[opening] == UInt8(ascii: "(")
        if quotes.contains(before), isUserInput(text, subscriptAt: nameStart - 2) { return nil }
        guard let (valueStart, xml) = assignment(text, nameEnd: nameEnd, before: before, firstArgument: firstArgument),
              let value = self.value(text, at: valueStart, xml: xml) else { return nil }
        return (nameStart..<nameEnd, value)
    }

    /// Where the value starts after the name ending at `nameEnd`, or nil when no assignment
    /// follows; `xml` for `<name>value</name>`.
    private static func assignment(_ text: SecretText, nameEnd: Int, before: UInt8, firstArgument: Bool) -> (Int, xml: Bool)? {
        let bytes = text.bytes
        var cursor = nameEnd
        func at(_ offset: Int) -> UInt8 { cursor + offset < text.upper ? bytes[cursor + offset] : 0 }
        // Part of a URL (`https://auth:...@host`, `/token/...`): the database-url rule's business.
        if "/@:".utf8.contains(before) { return nil }
        let quotedName = quotes.contains(before)
        let closedName = quotedName && at(0) == before
        if closedName { cursor += 1 }
        if at(0) == UInt8(ascii: "]") { cursor += 1 }
        if before == UInt8(ascii: "<"), at(0) == UInt8(ascii: ">") {
            // `<apiToken>` with its value on the next line.
            let valueStart = skipBlanks(text, cursor + 1)
            if valueStart < text.upper, bytes[valueStart] == 0x0A || bytes[valueStart] == 0x0D {
                return (skipWhitespace(text, valueStart), true)
            }
            return (cursor + 1, true)
        }
        cursor = skipBlanks(text, cursor)
        switch at(0) {
        case UInt8(ascii: ":") where at(1) == UInt8(ascii: ":"):
            // make's `::=` and `:::=`; any other `::` is a path (`Token::new`).
            if at(2) == UInt8(ascii: "=") { cursor += 3 } else if at(2) == UInt8(ascii: ":"), at(3) == UInt8(ascii: "=") { cursor += 4 } else { return nil }
        case UInt8(ascii: ":"):
            cursor += at(1) == UInt8(ascii: "=") ? 2 : 1
            cursor = skipBlanks(text, cursor)
            // A type annotation: `password: String = "..."`.
            var type = cursor
            while type < text.upper, nameBytes.contains(bytes[type]) || "<>?[]".utf8.contains(bytes[type]) { type += 1 }
            if type > cursor, ByteSet("A-Za-z").contains(bytes[cursor]) {
                let afterType = skipBlanks(text, type)
                if afterType < text.upper, bytes[afterType] == UInt8(ascii: "="),
                   afterType + 1 >= text.upper || bytes[afterType + 1] != UInt8(ascii: "=") {
                    cursor = afterType + 1
                }
            }
        case UInt8(ascii: "="):
            if at(1) == UInt8(ascii: "=") || at(1) == UInt8(ascii: "~") { return nil }
            cursor += at(1) == UInt8(ascii: ">") ? 2 : 1
        case UInt8(ascii: "?") where at(1) == UInt8(ascii: "="), UInt8(ascii: ".") where at(1) == UInt8(ascii: "="):
            cursor += 2  // `?=` (make), `.=` (PHP)
        case UInt8(ascii: "|") where at(1) == UInt8(ascii: "|") && at(2) == UInt8(ascii: "="):
            cursor += 3
        case UInt8(ascii: ",") where firstArgument:
            cursor += 1
        case let byte where cursor > nameEnd && !quotedName && ByteSet("A-Za-z").contains(byte):
            // A declaration with its type between name and value: Go's `var apiToken string = "..."`.
            var type = cursor
            while type < text.upper, nameBytes.contains(bytes[type]) || "*[]".utf8.contains(bytes[type]) { type += 1 }
            let afterType = skipBlanks(text, type)
            guard afterType > type, afterType + 1 < text.upper, bytes[afterType] == UInt8(ascii: "="),
                  bytes[afterType + 1] != UInt8(ascii: "=") else { return nil }
            cursor = afterType + 1
        default:
            return nil
        }
        let valueStart = skipBlanks(text, cursor)
        // Inside a string that goes on (`"Password: "`, `passwordLabel:"Password:"`), the quote
        // that follows ends that string: it does not open a value.
        if quotedName, !closedName, valueStart < text.upper, bytes[valueStart] == before { return nil }
        return (valueStart, false)
    }

    /// The value starting at `start`: a quoted string's content (without a header scheme such
    /// as `Bearer `), or in configuration a bare word.
    private static func value(_ text: SecretText, at start: Int, xml: Bool) -> Range<Int>? {
        let bytes = text.bytes
        guard start < text.upper else { return nil }
        var cursor = start
        // Python's string prefixes: r"...", b'...'.
        if cursor + 1 < text.upper, "rRbBuU".utf8.contains(bytes[cursor]), quotes.contains(bytes[cursor + 1]) { cursor += 1 }
        var range: Range<Int>
        if quotes.contains(bytes[cursor]), !xml {
            let quote = bytes[cursor]
            var end = cursor + 1
            while end < text.upper, bytes[end] != quote, bytes[end] != 0x0A {
                end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard end < text.upper, bytes[end] == quote else { return nil }
            // A fragment joined or formatted with more: `"abc" + key`, `"%s" % x`, `"{}".format(x)`.
            let after = skipBlanks(text, end + 1)
            if after < text.upper, "+%".utf8.contains(bytes[after]) { return nil }
            if end + 1 < text.upper, bytes[end + 1] == UInt8(ascii: ".") { return nil }
            range = (cursor + 1)..<end
        } else {
            guard !text.isCode || xml else { return nil }
            var end = cursor
            let stop = xml ? ByteSet("<\n") : bareEnd
            while end < text.upper, !stop.contains(bytes[end]) { end += 1 }
            // `<password>value</password>`: the element must close after the value, on its line or the next.
            let close = xml && end < text.upper && bytes[end] != UInt8(ascii: "<") ? skipWhitespace(text, end) : end
            if xml, !(close + 1 < text.upper && bytes[close] == UInt8(ascii: "<") && bytes[close + 1] == UInt8(ascii: "/")) { return nil }
            while xml, end > cursor, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
            range = cursor..<end
            // An expression, not a value: `getpass()`, `tmp->key;`, `a::b`, `x + y`, `sig {`.
            if bytes[range].contains(UInt8(ascii: "(")) || text.hasLiteral(Array("->".utf8), inside: range)
                || text.hasLiteral(Array("::".utf8), inside: range) { return nil }
            let after = skipBlanks(text, end)
            if !xml, after < text.upper, ";+*/?|&<>({=".utf8.contains(bytes[after]) { return nil }
        }
        // `Authorization: Bearer <token>`: the token is the value.
        for scheme in headerSchemes {
            let quoted = range.lowerBound > start || quotes.contains(bytes[start])
            let length = quoted ? scheme.count : scheme.count - 1  // a bare word stops at the space
            guard range.count >= length,
                  (0..<length).allSatisfy({ SecretText.lowercased(bytes[range.lowerBound + $0]) == scheme[$0] }) else { continue }
            if quoted { return range.count > length ? (range.lowerBound + length)..<range.upperBound : nil }
            guard range.count == length else { continue }
            let wordStart = skipBlanks(text, range.upperBound)
            var end = wordStart
            while end < text.upper, !bareEnd.contains(bytes[end]) { end += 1 }
            return wordStart < end ? wordStart..<end : nil
        }
        return range
    }

    private static let headerSchemes = ["bearer ", "basic ", "token "].map { Array($0.utf8) }

    /// Blanks and line breaks: for XML, whose values may sit on their own lines.
    private static func skipWhitespace(_ text: SecretText, _ start: Int) -> Int {
        var cursor = start
        while cursor < text.upper, " \t\r\n".utf8.contains(text.bytes[cursor]) { cursor += 1 }
        return cursor
    }

    /// Whether the `[` at `bracket` subscripts a PHP superglobal (`$_POST["password"]`): a form's
    /// field, not a value.
    private static func isUserInput(_ text: SecretText, subscriptAt bracket: Int) -> Bool {
        guard bracket > text.lower, text.bytes[bracket] == UInt8(ascii: "[") else { return false }
        var start = bracket
        while start > text.lower, ByteSet("A-Z_").contains(text.bytes[start - 1]) { start -= 1 }
        return start > text.lower && text.bytes[start - 1] == UInt8(ascii: "$") && text.hasLiteral(Array("_".utf8), at: start)
    }

    private static func skipBlanks(_ text: SecretText, _ start: Int) -> Int {
        var cursor = start
        while cursor < text.upper, text.bytes[cursor] == 0x20 || text.bytes[cursor] == 0x09 { cursor += 1 }
        return cursor
    }
}

/// A name split into lowercase words (`DB_PASSWORD` → db, password; `apiKey` → api, key;
/// `spring.datasource.password` → spring, datasource, password), and whether it names a secret.
struct SecretName {
    let words: [String]

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var words: [String] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0
        for byte in bytes[range] {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            let previousIsLower = previous >= 0x61 && previous <= 0x7A
            if !(isUpper || isLower || isDigit) || (isUpper && previousIsLower) {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current = []
            }
            if isUpper || isLower || isDigit { current.append(SecretText.lowercased(byte)) }
            previous = byte
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        self.words = words
    }

    /// A word that means secret, or a `<kind> key` pair; and no word that says the value only
    /// describes the secret (`token_url`, `password_length`, `secretKeyRef`) or is public
    /// (`public_key`, `csrf_token`, `next_page_token`).
    var isSecretLike: Bool {
        guard let last = words.last, !Self.descriptors.contains(last),
              !words.contains(where: { Self.notSecret.contains($0) }) else { return false }
        if words.contains(where: { Self.secretWords.contains($0) }) { return true }
        return zip(words, words.dropFirst()).contains { (Self.keyKinds.contains($0.0) || Self.providers.contains($0.0)) && $0.1 == "key" }
    }

    static let secretWords: Set<String> = [
        "password", "passwd", "passphrase", "pass", "pwd", "secret", "token", "auth", "authorization",
        "credential", "credentials", "creds", "apikey", "apisecret", "apitoken", "secretkey", "privatekey",
        "accesskey", "accesstoken", "authkey", "authtoken", "clientsecret", "masterkey", "signingkey",
    ]

    /// The catalog's providers, by the words of their names: `mailgun_key`, `stripeKey`.
    static let providers = Set(ProviderCatalog.rules.flatMap { rule in
        rule.provider.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count >= 3 }
    }).subtracting(["cloud", "the", "and", "api", "app", "platform"])

    static let keyKinds: Set<String> = [
        "api", "access", "secret", "private", "signing", "encryption", "master", "app", "consumer", "client",
        "account", "service", "auth", "license", "session", "shared", "webhook", "deploy", "storage", "admin",
    ]

    static let descriptors: Set<String> = [
        "url", "uri", "urls", "endpoint", "host", "hostname", "port", "path", "file", "filename", "dir", "directory",
        "name", "names", "id", "ids", "type", "types", "kind", "length", "len", "size", "count", "limit", "max", "min",
        "field", "fields", "header", "prefix", "suffix", "format", "pattern", "regex", "regexp", "policy", "provider",
        "method", "mode", "scheme", "strategy", "version", "store", "manager", "env", "var", "variable", "hash",
        "digest", "checksum", "sha", "sha1", "sha256", "md5", "fingerprint", "commit", "rev", "revision", "ref",
        "label", "hint", "placeholder", "message", "msg", "error", "text", "title", "prompt", "description", "help",
        "enabled", "disabled", "required", "expiry", "expires", "expiration", "ttl", "timeout", "lifetime", "duration",
        "age", "location", "source", "param", "parameter", "arg", "column", "index", "schema", "table", "validator",
        "validation", "check", "reset", "changed", "updated", "created", "date", "time", "timestamp", "usage", "used",
        "strength", "rotation", "generator", "encoder", "decoder", "parser", "factory", "service", "class", "input",
        "callback", "handler", "delegate", "listener", "observer", "closure", "block", "function", "func", "fn",
        "getter", "setter", "button", "caption", "tooltip", "visible", "visibility",
    ]

    static let notSecret: Set<String> = [
        "csrf", "xsrf", "public", "publishable", "pub", "author", "authors", "authority", "next", "page",
        "pagination", "continuation", "cursor", "sync", "cancellation", "example", "sample", "dummy", "fake", "test",
        "mock", "placeholder",
    ]
}
