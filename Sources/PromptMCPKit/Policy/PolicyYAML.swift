import Yams

/// How a policy file's text becomes YAML nodes.
///
/// Yams' default resolver tags every plain scalar by matching it against seven regular
/// expressions, compiled through ICU on first use: ~17 M instructions, a seventh of a small
/// `promptmcp check` and of an agent hook. The policy needs none of those tags: numbers, sizes
/// and durations are read from the text, and booleans by `policyBool`. (Merge keys, the one
/// other thing the tags drive, were never accepted: `<<` is reported as an unknown key.)
enum PolicyYAML {
    static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic)
    }
}

extension Node {
    /// A YAML 1.1 boolean (`true`/`yes`/`on`, `false`/`no`/`off`, any case) written plain or
    /// tagged `!!bool`; a quoted "yes" is text, as under Yams' default resolver.
    var policyBool: Bool? {
        guard let scalar, scalar.style == .plain || scalar.style == .any || scalar.tag.description == Tag.Name.bool.rawValue else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }
}
