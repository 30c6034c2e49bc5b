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
    case integer(minimum: Int)
    case boolean
    case glob
    case regex
    case duration
    case byteSize
    case rate
    case choice([String])
    /// The first shape that fits; the message names both when neither does.
    case either(Shape, Shape)

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
        case .integer(let minimum): return "a whole number (\(minimum) or more)"
        case .boolean: return "true or false"
        case .glob: return "a glob"
        case .regex: return "a regular expression"
        case .duration: return "a duration such as 30s, 15m, 24h or 7d"
        case .byteSize: return "a size such as 512KiB, 1MiB or 4GiB"
        case .rate: return "a rate such as 60/min"
        case .choice(let values): return values.map { "'\($0)'" }.joined(separator: ", ").replacingLastComma(with: " or ")
        case .either(let first, let second): return "\(first.alternativeName), or \(second.alternativeName)"
        }
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
            ("rules", .map(SecretRules.all.map { type in
                (type.description.name, .rule(type.description.options.map { ($0.name, $0.shape) }))
            })),
        ])),
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
        ("rate_limits", .list(.map([
            ("paths", .list(.glob)),
            ("max_commits", .integer(minimum: 1)),
            ("max_lines", .integer(minimum: 1)),
            ("window", .duration),
            ("per", .choice(["author", "everyone"])),
            ("severity", severity),
        ], required: ["paths", "window"]))),
        ("tests", .list(.map([
            ("name", .string),
            ("command", .either(.list(.string), .string)),
            ("when", .list(.glob)),
            ("timeout", .duration),
            ("limits", .map([
                ("cpu", .duration),
                ("memory", .byteSize),
                ("data", .byteSize),
                ("file_size", .byteSize),
                ("processes", .integer(minimum: 1)),
                ("open_files", .integer(minimum: 1)),
                ("output", .byteSize),
            ])),
            ("network", .boolean),
            ("env", .list(.string)),
            ("workdir", .string),
            ("snapshot", .choice(["staged", "worktree"])),
            ("severity", severity),
            ("run_after_failures", .boolean),
        ], required: ["name", "command"]))),
        // Tool names are listed: a misspelt one would otherwise limit nothing, silently.
        ("mcp", .map([("rate_limits", .map(MCPPolicy.toolNames.map { ($0, .rate) }))])),
    ], required: ["version"])

    static let caps = Shape.map([
        ("max_lines_per_file", .integer(minimum: 0)),
        ("max_files", .integer(minimum: 0)),
        ("max_total_lines", .integer(minimum: 0)),
        ("count", lineCount),
        ("severity", severity),
    ])

    static let lineCount = Shape.choice(LineCount.allCases.map(\.rawValue))

    /// `quality:` holds one setting per quality rule, named and shaped by the rule's own
    /// description, so the schema cannot drift from the rules.
    static let quality = Shape.map(QualityRules.all.map { rule in
        (rule.description.name, Shape.rule(rule.description.options.map { ($0.name, $0.shape) }))
    })
}
