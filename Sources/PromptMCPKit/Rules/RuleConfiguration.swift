/// A rule's settings for one run: its severity and its options, each read from the policy or,
/// when the policy says nothing, from the default in the rule's description (one source of truth).
public struct RuleConfiguration: Sendable {
    public let description: RuleDescription
    public private(set) var severity: Severity
    public let policy: Policy
    let options: [String: Located<OptionValue>]

    init(_ description: RuleDescription, policy: Policy) {
        self.description = description
        self.policy = policy
        let setting = policy.rules[description.id]
        severity = setting?.severity?.value ?? policy.areaSeverity[description.area]?.value ?? description.defaultSeverity
        options = setting?.options ?? [:]
    }

    /// The same configuration at another severity (to try a rule that is off by default).
    func forcing(_ severity: Severity) -> RuleConfiguration {
        var copy = self
        copy.severity = severity
        return copy
    }

    public func int(_ name: String) -> Int { Int(scalar(name)) ?? 0 }
    public func bool(_ name: String) -> Bool { ["true", "yes", "on"].contains(scalar(name).lowercased()) }
    public func bytes(_ name: String) -> Int { Notation.bytes(scalar(name)) ?? 0 }
    public func string(_ name: String) -> String { scalar(name) }
    public func strings(_ name: String) -> [String] { value(name).strings }
    public func globs(_ name: String) -> [Glob] { strings(name).compactMap { try? Glob($0) } }

    /// A pattern option: the policy's, compiled now (one that does not compile is a policy
    /// error at its place), or the rule's default, compiled when first used.
    public func regex(_ name: String) throws -> PolicyRegex {
        guard let option = options[name] else { return PolicyRegex(builtIn: scalar(name)) }
        return try PolicyRegex.compile(Located(scalar(name), at: option.location), key: "\(description.policyKey).\(name)")
    }

    /// A map of lists, such as debug patterns per file extension. The policy's map is laid over
    /// the default one key by key: a key the policy names replaces the default list for that key
    /// (`[]` empties it), and the other default keys stay.
    public func stringLists(_ name: String) -> [String: [String]] {
        var lists = Self.lists(defaultValue(name))
        if let value = options[name]?.value {
            lists.merge(Self.lists(value)) { $1 }
        }
        return lists
    }

    private func value(_ name: String) -> OptionValue { options[name]?.value ?? defaultValue(name) }

    private func scalar(_ name: String) -> String {
        if case .scalar(let text) = value(name) { return text }
        return ""
    }

    private func defaultValue(_ name: String) -> OptionValue {
        guard let option = description.options.first(where: { $0.name == name }) else {
            preconditionFailure("\(description.id) reads option '\(name)' that its description does not declare")
        }
        return option.parsedDefault
    }

    private static func lists(_ value: OptionValue) -> [String: [String]] {
        guard case .map(let map) = value else { return [:] }
        return map.mapValues(\.strings)
    }
}

extension Policy {
    /// The severity a rule has for a path, by the one way every rule's severity is found: the
    /// rule's setting in the policy (or its default), then the path's `paths:` entries.
    public func severity(of description: RuleDescription, at path: String) -> Severity {
        settings(for: path).severity(forRule: description.id, areaKey: description.areaKey)
            ?? RuleConfiguration(description, policy: self).severity
    }

    /// Whether a `paths:` entry turns the rule on for its paths, whatever the policy's own
    /// severity for it (`caps: {severity: off}` with `caps: {severity: error}` for `src/**`).
    func turnsOn(_ description: RuleDescription) -> Bool {
        paths.contains { entry in
            (entry.rules[description.id] ?? entry.rules[description.areaKey]).map { $0.value != .off } ?? false
        }
    }
}

/// An option's value as written in the policy, kept without Yams types so a policy is Sendable.
public indirect enum OptionValue: Sendable, Equatable {
    case scalar(String)
    case list([OptionValue])
    case map([String: OptionValue])

    var strings: [String] {
        switch self {
        case .scalar(let text): return [text]
        case .list(let items): return items.flatMap(\.strings)
        case .map: return []
        }
    }

    /// The value a YAML node holds; scalars are kept as written (no types are resolved).
    init(_ node: Node) {
        if let sequence = node.sequence {
            self = .list(sequence.map(OptionValue.init))
        } else if let mapping = node.mapping {
            self = .map(Dictionary(mapping.compactMap { key, value in key.string.map { ($0, OptionValue(value)) } }) { $1 })
        } else {
            self = .scalar(node.string ?? "")
        }
    }

    /// The value as YAML that a policy file could hold, for documentation: a scalar bare where
    /// YAML reads it as written (`8`, `1MiB`), else single-quoted; lists and maps in flow style.
    var yaml: String {
        guard case .scalar(let text) = self else { return flowYAML }
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "._-/*".contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// In flow style, every string double-quoted (globs and code fragments usually need it) and
    /// a map's keys sorted (its order is not kept).
    var flowYAML: String {
        switch self {
        case .scalar(let text):
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .list(let items):
            return "[" + items.map(\.flowYAML).joined(separator: ", ") + "]"
        case .map(let map):
            return "{ " + map.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.flowYAML)" }.joined(separator: ", ") + " }"
        }
    }
}

/// Defaults are written as Swift literals in each rule's description, so that nothing is parsed
/// from YAML when a check starts: `"8"`, `["*.md", "*.markdown"]`, `["swift": ["print("]]`.
extension OptionValue: ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .scalar(value) }
    public init(arrayLiteral elements: OptionValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, OptionValue)...) {
        self = .map(Dictionary(elements) { $1 })
    }
}

import Yams
