/// The rules a change is judged by, each value tagged with where it was set.
/// Built from the embedded defaults, with the repository's `.promptmcp/policy.yml` laid over them.
public struct Policy: Sendable {
    public var caps = Caps()
    public var protected = Protected()
    /// Overrides by glob, built-in ones first; for each path the last matching entry wins.
    public var paths: [PathOverride] = []
    /// Settings of individual rules by rule id (`quality/line-length`), from sections such as `quality:`.
    public var rules: [String: RuleSetting] = [:]
    /// A severity for every rule of an area (`secrets.severity`), below a rule's own setting.
    public var areaSeverity: [String: Located<Severity>] = [:]
    /// Values and paths known not to be secrets (`secrets.allow`).
    public var secretsAllow = SecretsAllow()
    /// The project's own secret formats (`secrets.custom`), and the severity that
    /// `secrets.tests_and_docs` lowers findings to in test and documentation files.
    public var customSecrets: [CustomSecret] = []
    public var secretsInTestsAndDocs: Located<Severity>?
    /// The project's own patterns over added lines (`content_rules`).
    public var contentRules: [ContentRule] = []
    /// Commit message rules (`message:`), mandatory citations (`citations:`, nil when the policy
    /// asks for none) and rate limits on edits (`rate_limits:`).
    public var message = MessagePolicy()
    public var citations: CitationPolicy?
    public var rateLimits: [RateLimit] = []
    /// Test gates (`tests:`): commands run in the sandbox on the staged snapshot.
    public var tests: [TestGate] = []
    /// What the MCP server allows an agent (`mcp:`): rate limits per tool.
    public var mcp = MCPPolicy()
    /// The stricter tier for AI coding agents (`agents:`); nil when the file has none.
    public var agents: AgentsPolicy?
    /// Warnings about the file that do not stop it from working (deprecated keys), with places.
    public var notes: [String] = []

    /// One rule's entry in the policy: `conflict-marker: error`, or a map with options.
    public struct RuleSetting: Sendable {
        public var severity: Located<Severity>?
        public var options: [String: Located<OptionValue>]
        public var location: SourceLocation?
    }

    public struct Caps: Sendable {
        public var maxLinesPerFile = Located(500)
        public var maxFiles = Located(50)
        public var maxTotalLines = Located(2000)
        public var count = Located(LineCount.changed)
        /// As the policy file says it; the cap rules read it through their rule settings.
        public var severity = Located(Severity.warning)

        /// The rules `caps.severity` (and a path's `caps: {severity}`) set: every cap but the
        /// protected paths, which have `protected.severity`.
        static let ruleIDs = [MaxLinesPerFileRule.description.id, MaxFilesRule.description.id, MaxTotalLinesRule.description.id]
    }

    /// `secrets.allow`: paths the secret rules skip, and patterns of values they accept.
    public struct SecretsAllow: Sendable {
        public var paths: [Located<Glob>] = []
        /// Regular expressions, searched in each value a secret rule finds (anchor them with
        /// `^...$` to match a whole value).
        public var values: [Located<String>] = []
        /// `values`, compiled by the loader: the secret rules read these.
        public private(set) var patterns: [PolicyRegex] = []

        /// Compiles `values`; one that does not compile is a policy error at its place.
        mutating func compile() throws {
            patterns = try values.map { try PolicyRegex.compile($0, key: "secrets.allow.values") }
        }
    }

    public struct Protected: Sendable {
        public var globs: [Located<Glob>] = []
        public var severity = Located(Severity.error)
    }

    public struct PathOverride: Sendable {
        public var globs: [Glob]
        public var location: SourceLocation?
        public var exclude: Located<Bool>?
        public var protected: Located<Bool>?
        public var maxLinesPerFile: Located<Int>?
        public var count: Located<LineCount>?
        /// `caps: {severity}` as written; `setCapsSeverity` also sets the cap rules' entries in `rules`.
        public var capsSeverity: Located<Severity>?
        /// Rule severities for these paths, by rule id or `area/*`: `off` is a path allowlist.
        public var rules: [String: Located<Severity>] = [:]
        /// Vendored or generated: the style rules leave these paths alone (GeneratedFiles.swift).
        public var generated: Located<Bool>?

        /// A path's `caps: {severity}`: the cap rules' severity here, unless the same entry's
        /// `rules:` names a cap rule itself.
        mutating func setCapsSeverity(_ severity: Located<Severity>) {
            capsSeverity = severity
            for id in Caps.ruleIDs where rules[id] == nil { rules[id] = severity }
        }

        public func matches(_ path: String) -> Bool { matches(components: Glob.components(path)) }
        func matches(components: [Substring]) -> Bool { globs.contains { $0.matches(components: components) } }
    }

    /// The built-in policy: gentle caps (warnings), lock files left out of them, and well-known
    /// vendored and generated files left to their tools, so that `promptmcp check` is useful in
    /// any repository without set-up.
    public static let defaults: Policy = {
        var policy = Policy()
        var lockFileCaps = PathOverride(globs: GeneratedFiles.lockFiles.map { try! Glob($0) }, location: nil)
        lockFileCaps.setCapsSeverity(Located(.off))
        policy.paths = [lockFileCaps, GeneratedFiles.builtInOverride]
        return policy
    }()
}

/// Everything the policy says about one path, with where each value came from.
public struct PathSettings: Sendable {
    public var excluded = Located(false)
    public var protected = Located(false)
    public var maxLinesPerFile: Located<Int>
    public var count: Located<LineCount>
    /// The caps' severity as the caps settings give it (`caps.severity`, a path's `caps:
    /// {severity}`), for people; the rules read theirs through `severity(of:default:)`.
    public var capsSeverity: Located<Severity>
    /// Overrides that matched, in order (the last one wins for each key it sets).
    public var matchedOverrides: [Policy.PathOverride] = []
    /// Rule severities set for this path by `paths:` entries, by rule id or `area/*`.
    public var ruleSeverities: [String: Located<Severity>] = [:]
    /// Whether a built-in entry, `.gitattributes` or the policy marks the path vendored or
    /// generated; nil when none says, and the file's header decides.
    public var generated: Located<Bool>?

    /// The severity `paths:` entries give a rule here, if any: its own id first, then its area's
    /// (`areaKey` is `secrets/*` for `secrets/jwt`). Runs for every rule on every file, so the
    /// caller passes the area's key ready-made and most paths, with no `rules:`, hash nothing.
    public func severity(forRule id: String, areaKey: String) -> Severity? {
        guard !ruleSeverities.isEmpty else { return nil }
        return (ruleSeverities[id] ?? ruleSeverities[areaKey])?.value
    }

    /// The severity a rule has here: what `paths:` entries give it, else `ruleSeverity`, the
    /// policy's own for it.
    public func severity(of ruleID: String, default ruleSeverity: Severity) -> Severity {
        severity(forRule: ruleID, areaKey: String(ruleID.prefix { $0 != "/" }) + "/*") ?? ruleSeverity
    }
}

extension Policy {
    public func settings(for path: String) -> PathSettings {
        var settings = PathSettings(maxLinesPerFile: caps.maxLinesPerFile, count: caps.count, capsSeverity: caps.severity)
        let components = Glob.components(path)
        if let glob = protected.globs.first(where: { $0.value.matches(components: components) }) {
            settings.protected = Located(true, at: glob.location)
        }
        for override in paths where override.matches(components: components) {
            settings.matchedOverrides.append(override)
            if let value = override.exclude { settings.excluded = value }
            if let value = override.protected { settings.protected = value }
            if let value = override.maxLinesPerFile { settings.maxLinesPerFile = value }
            if let value = override.count { settings.count = value }
            if let value = override.capsSeverity { settings.capsSeverity = value }
            settings.ruleSeverities.merge(override.rules) { $1 }
            if let value = override.generated { settings.generated = value }
        }
        return settings
    }
}
