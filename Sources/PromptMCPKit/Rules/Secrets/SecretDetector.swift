/// What every secret rule does with its matchers: scan the added lines, drop published examples
/// and the policy's allowed values and paths, and report each secret without ever showing it.
struct SecretDetector: Sendable {
    let scanner: SecretScanner
    /// Where to revoke or rotate this kind of secret, for the hint.
    let revoke: String
    private let allowedValues: [PolicyRegex]
    private let allowedPaths: [Glob]
    /// Provider tokens go through the token filters here; free-form values (assignments, URL
    /// passwords) are filtered by their matchers, which also need to know code from configuration.
    private let freeForm: Bool

    init(_ matchers: [any SecretMatcher], _ configuration: RuleConfiguration, revoke: String, freeForm: Bool = false) {
        scanner = SecretScanner(matchers)
        self.revoke = revoke
        self.freeForm = freeForm
        let allow = configuration.policy.secretsAllow
        allowedValues = allow.patterns
        allowedPaths = allow.paths.map(\.value)
    }

    func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard !file.content.isEmpty, !file.isBinary, file.newKind == .file || file.newKind == .executable else { return [] }
        var findings: [Finding] = []
        var pathAllowed: Bool?
        scanner.scan(file, spans: context.addedSpans, isCode: freeForm && SecretFileKind.isCode(file)) { match, line, column, text in
            let value = Array(text.bytes[match.value])
            if !freeForm, SecretFilters.isPlaceholderToken(value) { return }
            let string = String(decoding: value, as: UTF8.self)
            if allowedValues.contains(where: { $0.matches(in: string) }) { return }
            if pathAllowed == nil { pathAllowed = allowedPaths.contains { $0.matches(file.path) } }
            if pathAllowed == true { return }
            findings.append(context.finding(
                file, line: line, column: column,
                "\(match.label): \(SecretMask.mask(string, shown: match.shown))",
                hint: "remove it from the change and revoke it (\(revoke)): a pushed secret must be treated as leaked; "
                    + "if it is not a secret, add a pattern to secrets.allow.values or the path to secrets.allow.paths",
                fingerprintText: string
            ))
        }
        return findings
    }
}

/// How a secret is shown: at most its public prefix, then its length. `AKIA…(20 chars)`.
enum SecretMask {
    static func mask(_ value: String, shown: Int) -> String {
        let prefix = value.utf8.prefix(max(0, min(shown, value.utf8.count - 8)))
        return String(decoding: prefix, as: UTF8.self) + "\u{2026}(\(value.count) chars)"
    }
}

/// Whether a file holds program text, by its extension: there a secret can only be a quoted
/// literal (`token = getToken()` is code), while in configuration a bare word can be a value
/// (`TOKEN=abc` in .env, `password: abc` in YAML).
enum SecretFileKind {
    static let codeExtensions: Set<String> = [
        "swift", "py", "pyi", "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "go", "java", "kt", "kts",
        "scala", "groovy", "gradle", "rb", "php", "cs", "fs", "vb", "c", "h", "cc", "cpp", "cxx", "hpp", "hh",
        "m", "mm", "rs", "dart", "lua", "pl", "pm", "r", "jl", "ex", "exs", "erl", "hs", "clj", "cljs",
        "vue", "svelte", "zig", "nim", "cr", "elm", "ml", "sol", "inc", "inl", "ipp", "tpp", "cu", "gyb", "pyx",
        "ps1", "psm1",
    ]

    static func isCode(_ file: FileChange) -> Bool {
        codeExtensions.contains(file.fileExtension)
    }
}
