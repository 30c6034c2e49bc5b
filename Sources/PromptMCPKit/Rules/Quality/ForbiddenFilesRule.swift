/// Files that should never be committed: secrets by their name, and operating system litter.
public struct ForbiddenFilesRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/forbidden-files",
        summary: """
            A file whose path matches `globs` and not `allow` is added, changed, renamed or copied \
            (deleting one is always fine).
            """,
        defaultSeverity: .error,
        policyKey: "quality.forbidden-files",
        options: [
            RuleOption("globs", .list(.glob), default: defaultGlobs, """
                Paths that must not be committed: environment files, private keys and key \
                stores, credential files, Terraform state, password databases, and the files \
                macOS and Windows leave in folders. Not `.npmrc`: it usually holds only settings, \
                and a token in it is a secret to detect, not a file name to forbid.
                """),
            RuleOption("allow", .list(.glob), default: defaultAllow,
                       "Exceptions to `globs`: templates of environment files and public keys."),
        ],
        examples: [
            .triggering("DEBUG=1\n", path: ".env"),
            .triggering("PORT=8080\n", path: "services/api/.env.production"),
            .triggering("(a private key)\n", path: "deploy/id_ed25519"),
            .triggering(bytes: [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31], path: "Assets/.DS_Store"),
            .passing("DEBUG=\n", path: ".env.example"),
            .passing("ssh-ed25519 AAAA user@host\n", path: "deploy/id_ed25519.pub"),
            .passing("k\n", path: "test/fixtures/server.key", policy: "quality:\n  forbidden-files: { allow: [\"test/fixtures/**\"] }\n"),
        ]
    )

    static let defaultGlobs: OptionValue = [
        ".env", ".env.*", "*.pem", "*.key", "*.p12", "*.pfx", "*.keystore", "*.jks", "*.ppk",
        "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*", ".netrc", ".pgpass", "credentials.json",
        "*.tfstate", "*.tfstate.*", "*.kdbx", ".DS_Store", "Thumbs.db", "desktop.ini",
    ]

    static let defaultAllow: OptionValue = [
        ".env.example", ".env.sample", ".env.template", ".env.dist", "*.pub",
    ]

    private let globs: GlobList
    private let allow: GlobList

    public init(_ configuration: RuleConfiguration) {
        globs = GlobList(configuration.globs("globs"))
        allow = GlobList(configuration.globs("allow"))
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.status != .deleted, let glob = globs.firstMatch(file.path), !allow.matches(file.path) else { return [] }
        return [context.finding(
            file, "\(file.path) must not be committed (it matches '\(glob.pattern)')",
            hint: "take it out of the commit (git rm --cached \(file.path)) and add it to .gitignore; if it is safe to share, add a glob to quality.forbidden-files.allow",
            fingerprintText: file.path)]
    }
}
