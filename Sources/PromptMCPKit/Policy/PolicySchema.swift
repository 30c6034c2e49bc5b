/// The shape of `.promptmcp/policy.yml`: every key the file may hold and the type of its value.
/// Validation walks a file against it, so a misspelt key is an error with a suggestion rather
/// than a setting that silently does nothing.
indirect enum Shape: Sendable {
    case map([(key: String, shape: Shape)], required: [String] = [])
    /// A map whose keys the user names (tool names, for example).
    case dictionary(Shape)
    /// Rule ids (or `area/*`) to severities: a path's exceptions to the rules.
    case ruleSeverities
    case list(Shape)
    case string
    /// A whole number within the range (docs/policy.md lists each key's).
    case integer(minimum: Int, maximum: Int = Shape.largestCount)
    case boolean
    case glob
    case regex
    /// A duration, in seconds once read.
    case seconds(ClosedRange<Int>)
    case bytes(ClosedRange<Int>)
    case rate
    case choice([String])
    /// The first shape that fits; the message names both when neither does.
    case either(Shape, Shape)

    /// Every number in a policy is bounded, so that no arithmetic on one can overflow: counts
    /// and lines up to a billion, durations up to ten years, sizes up to 1 TiB, unless a key
    /// says less.
    static let largestCount = 1_000_000_000
    static let longestDuration = 3650 * 86_400
    static let largestSize = 1 << 40
    /// A rate's count, per its period.
    static let largestRate = 1_000_000
    static let duration = Shape.seconds(0...longestDuration)
    static let byteSize = Shape.bytes(0...largestSize)

    static let severity = Shape.choice(Severity.allCases.reversed().map(\.rawValue))
    static let globs = Shape.either(.glob, .list(.glob))

    /// A rule's setting: a bare severity, or a map with `severity` and the rule's options.
    static func rule(_ options: [(key: String, shape: Shape)] = []) -> Shape {
        .either(severity, .map([("severity", severity)] + options))
    }

    /// What a value of this shape is, for "expected ..." messages.
    var name: String {
        switch self {
        case .map: return "a map"
        case .dictionary: return "a map"
        case .ruleSeverities: return "a map of rule ids (or area/*) to severities"
        case .list(let element): return "a list of \(element.plural)"
        case .string: return "a string"
        case .integer(let minimum, let maximum): return "a whole number from \(minimum) to \(maximum)"
        case .boolean: return "true or false"
        case .glob: return "a glob"
        case .regex: return "a regular expression"
        case .seconds(let range): return "a duration such as 30s, 15m, 24h or 7d, from \(Self.duration(range.lowerBound)) to \(Self.duration(range.upperBound))"
        case .bytes(let range): return "a size such as 512KiB, 1MiB or 4GiB, from \(Self.size(range.lowerBound)) to \(Self.size(range.upperBound))"
        case .rate: return "a rate such as 60/min, at most \(Self.largestRate) per period"
        case .choice(let values): return values.map { "'\($0)'" }.joined(separator: ", ").replacingLastComma(with: " or ")
        case .either(let first, let second): return "\(first.alternativeName), or \(second.alternativeName)"
        }
    }

    /// A bound as the policy would write it: `24h`, `3650d`.
    static func duration(_ seconds: Int) -> String {
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] where seconds >= size && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    static func size(_ bytes: Int) -> String {
        for (unit, size) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes)"
    }

    /// A name that tells the branches of `either` apart: "a map" alone would not say which map.
    private var alternativeName: String {
        guard case .map(let fields, _) = self else { return name }
        return "a map with " + fields.map { "'\($0.key)'" }.joined(separator: ", ").replacingLastComma(with: " and ")
    }

    private var plural: String {
        switch self {
        case .string: return "strings"
        case .glob: return "globs"
        case .regex: return "regular expressions"
        case .map: return "maps"
        default: return "values (\(name))"
        }
    }
}

extension String {
    fileprivate func replacingLastComma(with conjunction: String) -> String {
        guard let range = range(of: ", ", options: .backwards) else { return self }
        return replacingCharacters(in: range, with: conjunction)
    }
}

import Foundation

extension Shape {
    /// The whole policy file. Key names follow the documented example; keep the two in step.
    static let policy = Shape.map([
        ("version", .integer(minimum: 1)),
        ("caps", caps),
        ("protected", .either(.list(.glob), .map([("severity", severity), ("paths", .list(.glob))]))),
        ("paths", .list(.map([
            ("match", .globs),
            ("exclude", .boolean),
            ("protected", .boolean),
            ("generated", .boolean),
            ("caps", .map([
                ("max_lines_per_file", .integer(minimum: 0)),
                ("count", lineCount),
                ("severity", severity),
            ])),
            ("rules", .ruleSeverities),
        ], required: ["match"]))),
        ("quality", quality),
        ("secrets", .map([
            ("severity", severity),
            ("allow", .map([("paths", .list(.glob)), ("values", .list(.regex))])),
            // One rule setting per secret rule, by the name after `secrets/`.
            ("rules", .map(SecretRules.descriptions.map { rule in
                (rule.name, .rule(rule.options.map { ($0.name, $0.shape) }))
            })),
            ("tests_and_docs", .choice(["warning", "error"])),
            ("custom", .list(.map([
                ("id", .string), ("description", .string), ("pattern", .regex), ("keywords", .list(.string)),
                ("entropy", .string), ("paths", .list(.glob)), ("severity", severity), ("examples", examples),
            ], required: ["id", "pattern", "keywords"]))),
        ])),
        ("content_rules", .list(.map([
            ("id", .string), ("pattern", .regex), ("paths", .list(.glob)), ("exclude", .list(.glob)),
            ("message", .string), ("hint", .string), ("severity", severity), ("examples", examples),
        ], required: ["id", "pattern", "message"]))),
        ("citations", .map([
            ("severity", severity),
            ("when", .map([
                ("paths", .list(.glob)),
                ("min_added_lines", .integer(minimum: 0)),
                ("file_types", .list(.string)),
            ])),
            ("trailers", .list(.string)),
            ("verify", .choice(["format", "cache"])),
        ])),
        ("message", .map([
            ("severity", severity),
            ("subject_max", .integer(minimum: 1)),
            ("pattern", .regex),
            ("reference", .regex),
        ])),
        ("rate_limits", rateLimits),
        ("tests", .list(.map([
            ("name", .string),
            ("command", .either(.list(.string), .string)),
            ("when", .list(.glob)),
            // Bounds a gate can run under: the supervisor's clock and buffers, and the kernel's.
            ("timeout", .seconds(1...86_400)),
            ("limits", .map([
                ("cpu", .seconds(1...86_400)),
                ("memory", .bytes((1 << 20)...largestSize)),
                ("data", .bytes((1 << 20)...largestSize)),
                ("file_size", .byteSize),
                ("processes", .integer(minimum: 1, maximum: 1 << 22)),
                ("open_files", .integer(minimum: 16, maximum: 1 << 20)),
                // Held in memory, as is 16 times as much before a flood is stopped.
                ("output", .bytes(0...(256 << 20))),
            ])),
            ("network", .boolean),
            ("sandbox", .boolean),
            ("env", .list(.string)),
            ("workdir", .string),
            ("snapshot", .choice(["staged", "worktree"])),
            ("severity", severity),
            ("run_after_failures", .boolean),
        ], required: ["name", "command"]))),
        // Tool names are listed: a misspelt one would otherwise limit nothing, silently.
        ("mcp", .map([("rate_limits", .map((MCPPolicy.toolNames + MCPPolicy.deprecatedToolNames.keys.sorted()).map { ($0, .rate) }))])),
        ("agents", agents),
    ], required: ["version"])

    static let rateLimits = Shape.list(.map([
        ("paths", .list(.glob)),
        ("max_commits", .integer(minimum: 1)),
        ("max_lines", .integer(minimum: 1)),
        ("window", .duration),
        ("per", .choice(["author", "everyone"])),
        ("severity", severity),
    ], required: ["paths", "window"]))

    /// Keys still accepted but never suggested for a misspelling.
    static let deprecatedKeys = Set(MCPPolicy.deprecatedToolNames.keys)

    static let caps = Shape.map([
        ("max_lines_per_file", .integer(minimum: 0)),
        ("max_files", .integer(minimum: 0)),
        ("max_total_lines", .integer(minimum: 0)),
        ("count", lineCount),
        ("severity", severity),
    ])

    /// A custom rule's examples: lines it must match and lines it must not.
    static let examples = Shape.map([("match", .list(.string)), ("no_match", .list(.string))])

    static let lineCount = Shape.choice(LineCount.allCases.map(\.rawValue))

    /// `quality:` holds one setting per quality rule, named and shaped by the rule's own
    /// description, so the schema cannot drift from the rules.
    static let quality = Shape.map(QualityRules.all.map { rule in
        (rule.description.name, Shape.rule(rule.description.options.map { ($0.name, $0.shape) }))
    })
}
