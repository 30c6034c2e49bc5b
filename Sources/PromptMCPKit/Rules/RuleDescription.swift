/// What a rule is: its id, what it looks for, its options and its examples. `promptmcp rules`,
/// docs/rules.md, the policy schema and the example tests are all built from this.
public struct RuleDescription: Sendable {
    /// `area/name`, as written in findings, suppressions and `quality.<name>` policy keys.
    public var id: String
    public var summary: String
    public var defaultSeverity: Severity
    public var options: [RuleOption]
    public var examples: [RuleExample]
    /// The policy key that configures it, for "set ... to change this" hints.
    public var policyKey: String
    /// Rules about the commit message run at the commit-msg stage and in CI, the others at the
    /// pre-commit stage and in CI, so the two hooks never report the same finding twice.
    public var needsMessage = false
    /// Rules about the change itself (its size, the paths it touches, its pace) rather than the
    /// content: a whole-tree scan leaves them out.
    public var judgesTheChange = false
    /// Rules about a path that a rename also changes: a moved file is judged at the stricter of
    /// its old and new paths' severities, and a `paths:` entry's `area/*` does not reach it
    /// (only its own id, or the section that set it, does).
    public var judgesTheOldPath = false

    /// The key of a `paths:` entry's `rules:` that sets this rule for a whole area (`caps/*`),
    /// or its own id when no area key reaches it.
    public var areaKey: String { judgesTheOldPath ? id : area + "/*" }

    /// Whether the rule runs at a stage.
    public func runs(at stage: Stage) -> Bool {
        switch stage {
        case .preCommit: return !needsMessage
        case .commitMessage: return needsMessage
        case .commit: return true
        case .tree: return !needsMessage && !judgesTheChange
        }
    }

    public init(id: String, summary: String, defaultSeverity: Severity, policyKey: String,
                options: [RuleOption] = [], examples: [RuleExample] = [], needsMessage: Bool = false,
                judgesTheChange: Bool = false, judgesTheOldPath: Bool = false) {
        self.needsMessage = needsMessage
        self.judgesTheChange = judgesTheChange
        self.judgesTheOldPath = judgesTheOldPath
        self.id = id
        self.summary = summary
        self.defaultSeverity = defaultSeverity
        self.policyKey = policyKey
        self.options = options
        self.examples = examples
    }

    public var area: String { String(id.prefix { $0 != "/" }) }

    /// Whether the rule leaves vendored and generated files alone (GeneratedFiles.swift): the
    /// quality rules do, but for those in `QualityRules.judgingGeneratedFiles`.
    public var skipsGeneratedFiles: Bool {
        area == "quality" && !QualityRules.judgingGeneratedFiles.contains(id)
    }
    public var name: String { String(id.drop { $0 != "/" }.dropFirst()) }
}

/// One setting of a rule, with the value it has when the policy says nothing.
public struct RuleOption: Sendable {
    public var name: String
    /// As it would be written in YAML, for documentation.
    public var defaultValue: String
    public var summary: String
    let shape: Shape
    /// The default itself, as a policy file's value would be read.
    let parsedDefault: OptionValue

    init(_ name: String, _ shape: Shape, default value: OptionValue, _ summary: String) {
        self.name = name
        self.shape = shape
        defaultValue = value.yaml
        self.summary = summary
        parsedDefault = value
    }

    /// What the value is, for documentation: "a list of globs", "a whole number (1 or more)".
    public var typeName: String {
        if case .dictionary(let value) = shape { return "a map of names to \(value.name)" }
        return shape.name
    }
}

/// A file a rule is tried on. In `text`, each `↓` marks where a finding is expected (the line
/// and column of the character after it); the markers are removed before the rule sees the text.
public struct RuleExample: Sendable {
    public var path: String
    public var text: String
    /// Policy YAML laid over the defaults for this example (e.g. a rule's options).
    public var policy: String?
    public var triggers: Bool
    /// Raw content, for examples a Swift string cannot hold (invalid UTF-8); replaces `text`.
    public var bytes: [UInt8]?

    public static let marker: Character = "↓"

    /// An example that must produce a finding at each marker (or, with no marker, a finding
    /// about the whole file).
    public static func triggering(_ text: String, path: String = "example.swift", policy: String? = nil) -> RuleExample {
        RuleExample(path: path, text: text, policy: policy, triggers: true)
    }

    /// An example given as raw bytes (no markers) that must produce a finding.
    public static func triggering(bytes: [UInt8], path: String, policy: String? = nil) -> RuleExample {
        RuleExample(path: path, text: "", policy: policy, triggers: true, bytes: bytes)
    }

    /// An example that must produce no finding.
    public static func passing(_ text: String, path: String = "example.swift", policy: String? = nil) -> RuleExample {
        RuleExample(path: path, text: text, policy: policy, triggers: false)
    }

    /// An example given as raw bytes that must produce no finding.
    public static func passing(bytes: [UInt8], path: String, policy: String? = nil) -> RuleExample {
        RuleExample(path: path, text: "", policy: policy, triggers: false, bytes: bytes)
    }

    /// The text without markers, and the (line, column) of each marker.
    public var cleaned: (text: String, markers: [(line: Int, column: Int)]) {
        var text = ""
        var markers: [(Int, Int)] = []
        var line = 1
        var column = 1
        for character in self.text {
            if character == Self.marker {
                markers.append((line, column))
                continue
            }
            text.append(character)
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.utf8.count
            }
        }
        return (text, markers)
    }
}
