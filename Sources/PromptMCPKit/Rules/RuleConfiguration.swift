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
    public func bytes(_ name: String) -> Int { Notation.bytes(scalar(name)) ?? 0 }
    public func string(_ name: String) -> String { scalar(name) }

    public func strings(_ name: String) -> [String] {
        guard let value = options[name]?.value else { return Self.parseList(defaultValue(name)) }
        return value.strings
    }

    public func globs(_ name: String) -> [Glob] { strings(name).compactMap { try? Glob($0) } }

    /// A map of lists, such as debug patterns per file extension.
    public func stringLists(_ name: String) -> [String: [String]] {
        guard case .map(let map)? = options[name]?.value else { return [:] }
        return map.mapValues(\.strings)
    }

    private func scalar(_ name: String) -> String {
        if case .scalar(let text)? = options[name]?.value { return text }
        return defaultValue(name)
    }

    private func defaultValue(_ name: String) -> String {
        guard let option = description.options.first(where: { $0.name == name }) else {
            preconditionFailure("\(description.id) reads option '\(name)' that its description does not declare")
        }
        return option.defaultValue
    }

    /// Defaults of list options are written as YAML flow lists: `[".env", "*.pem"]`.
    static func parseList(_ text: String) -> [String] {
        let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        guard !inner.isEmpty else { return [] }
        return inner.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
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
}

import Foundation
