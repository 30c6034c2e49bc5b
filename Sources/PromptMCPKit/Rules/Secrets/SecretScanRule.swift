/// One kind of secret: the rule that reports it (its id, summary and examples), the matchers
/// that find it, and what a finding says.
struct SecretKind: Sendable {
    var description: RuleDescription
    /// Where to revoke or rotate this kind of secret, for the hint.
    var revoke: String
    /// Provider tokens go through the token filters; free-form values (assignments, URL
    /// passwords) are filtered by their matchers, which also need to know code from configuration.
    var freeForm = false
    /// Values this rule never reports (published examples of its format), searched in the value.
    var allow: [PolicyRegex] = []
    /// The paths it looks at (`secrets.custom` entries with `paths:`); nil for all.
    var paths: [Glob]?
    var matchers: @Sendable (RuleConfiguration) -> [any SecretMatcher]
}

/// Every secret rule in one: it scans the added lines of a file once for the keywords of all
/// enabled rules (`SecretScan`), drops published examples and the policy's allowed values and
/// paths, and reports each secret under its own rule id without ever showing it.
public struct SecretScanRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/*",
        summary: "Every secrets/* rule, in one pass over the added lines.",
        defaultSeverity: .error,
        policyKey: "secrets"
    )

    private struct Enabled: Sendable {
        var kind: SecretKind
        var severity: Severity
    }

    private let rules: [Enabled]
    private let scan: SecretScan
    private let allowedValues: [PolicyRegex]
    private let allowedPaths: [Glob]
    private let testsAndDocs: Severity?

    public init(_ configuration: RuleConfiguration) throws {
        self.init(kinds: try SecretRules.kinds(configuration.policy), policy: configuration.policy)
    }

    init(kinds: [SecretKind], policy: Policy) {
        var rules: [Enabled] = []
        var entries: [SecretScan.Entry] = []
        for kind in kinds {
            let configuration = RuleConfiguration(kind.description, policy: policy)
            guard configuration.severity != .off else { continue }
            entries += kind.matchers(configuration).map { SecretScan.Entry(rule: rules.count, matcher: $0) }
            rules.append(Enabled(kind: kind, severity: configuration.severity))
        }
        self.rules = rules
        scan = SecretScan(entries)
        let allow = policy.secretsAllow
        allowedValues = allow.patterns
        allowedPaths = allow.paths.map(\.value)
        testsAndDocs = policy.secretsInTestsAndDocs?.value
    }

    /// The ids of the rules this scan reports for.
    public var ids: [String] { rules.map(\.kind.description.id) }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard !rules.isEmpty, !file.content.isEmpty, !file.isBinary, file.newKind == .file || file.newKind == .executable else { return [] }
        if allowedPaths.contains(where: { $0.matches(file.path) }) { return [] }
        var findings: [Finding] = []
        let lowered = testsAndDocs != nil && SecretFileKind.isTestOrDocumentation(file.path)
        scan.scan(file, spans: context.addedSpans, isCode: SecretFileKind.isCode(file)) { number, match, line, column, text in
            let rule = rules[number]
            let value = Array(text.bytes[match.value])
            if !rule.kind.freeForm, SecretFilters.isPlaceholderToken(value) { return }
            if let paths = rule.kind.paths, !paths.contains(where: { $0.matches(file.path) }) { return }
            let string = String(decoding: value, as: UTF8.self)
            if rule.kind.allow.contains(where: { $0.matches(in: string) }) || allowedValues.contains(where: { $0.matches(in: string) }) { return }
            let id = rule.kind.description.id
            var severity = context.settings.severity(forRule: id, areaKey: "secrets/*") ?? rule.severity
            guard severity != .off else { return }
            if lowered, let lower = testsAndDocs { severity = min(severity, lower) }
            var ruleContext = context
            ruleContext.ruleID = id
            ruleContext.severity = severity
            findings.append(ruleContext.finding(
                file, line: line, column: column,
                "\(match.label): \(SecretMask.mask(string, shown: match.shown))" + (lowered && severity < rule.severity ? " (in a test or documentation file)" : ""),
                hint: "remove it from the change and revoke it (\(rule.kind.revoke)): a pushed secret must be treated as leaked; "
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

extension SecretFileKind {
    private static let testFolders: Set<String> = [
        "test", "tests", "spec", "specs", "__tests__", "testdata", "fixtures", "__fixtures__", "mocks", "examples",
        "example", "samples", "docs", "doc", "documentation",
    ]
    private static let testSuffixes = [
        "_test.go", "_test.py", "_spec.rb", "_test.rb", "tests.swift", "test.swift", "test.java", "tests.cs", "test.kt",
        ".test.js", ".test.ts", ".spec.js", ".spec.ts", ".test.tsx", ".spec.tsx", ".md", ".rst", ".adoc", ".txt",
    ]

    /// Whether a path is, by its folders or its name, a test, a fixture, an example or
    /// documentation: where `secrets.tests_and_docs` lowers the severity (a secret there still
    /// leaks, so it is reported, never dropped).
    static func isTestOrDocumentation(_ path: String) -> Bool {
        let lower = path.lowercased()
        let parts = lower.split(separator: "/")
        if parts.dropLast().contains(where: { testFolders.contains(String($0)) }) { return true }
        let name = parts.last.map(String.init) ?? lower
        return name.hasPrefix("test_") || testSuffixes.contains { name.hasSuffix($0) }
    }
}
