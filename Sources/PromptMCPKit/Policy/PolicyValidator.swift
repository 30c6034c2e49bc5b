import Foundation
import Yams

/// Checks a parsed policy file against `Shape.policy`, collecting every problem with its place.
struct PolicyValidator {
    let file: String
    private(set) var diagnostics: [PolicyDiagnostic] = []
    /// The ids of the file's own rules (`secrets.custom`, `content_rules`), which `paths:` may name.
    var declaredRuleIDs: [String] = []

    init(file: String) { self.file = file }

    mutating func validate(_ node: Node, as shape: Shape, at keyPath: String) {
        switch shape {
        case .map(let fields, let required):
            guard let mapping = node.mapping else { return expected(shape, node, keyPath) }
            let known = fields.map(\.key)
            var suggested: Set<String> = []
            for (key, value) in mapping {
                let name = key.string ?? ""
                guard let field = fields.first(where: { $0.key == name }) else {
                    let suggestion = Suggestion.closest(to: name, in: known.filter { !Shape.deprecatedKeys.contains($0) })
                    if let suggestion { suggested.insert(suggestion) }
                    let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; known keys: \(known.joined(separator: ", "))"
                    let place = keyPath.isEmpty ? "" : " in '\(keyPath)'"
                    error(key, "unknown key '\(name)'\(place)\(hint)")
                    continue
                }
                validate(value, as: field.shape, at: join(keyPath, name))
            }
            let present = Set(mapping.keys.compactMap(\.string))
            // A misspelt required key is already reported with a suggestion; once is enough.
            for key in required where !present.contains(key) && !suggested.contains(key) {
                switch (keyPath, key) {
                case ("", "version"): error(node, "missing required key 'version'; add 'version: 1' at the top of the file")
                case ("", _): error(node, "missing required key '\(key)'")
                default: error(node, "missing required key '\(key)' in '\(keyPath)'")
                }
            }
        case .dictionary(let valueShape):
            guard let mapping = node.mapping else { return expected(shape, node, keyPath) }
            for (key, value) in mapping { validate(value, as: valueShape, at: join(keyPath, key.string ?? "?")) }
        case .ruleSeverities:
            guard let mapping = node.mapping else { return expected(shape, node, keyPath) }
            let ids = RuleRegistry.descriptions.map(\.id) + declaredRuleIDs
            let known = ids + Set(ids.map { $0.prefix { $0 != "/" } + "/*" }).sorted()
            for (key, value) in mapping {
                let id = key.string ?? ""
                if !known.contains(id) {
                    let hint = Suggestion.closest(to: id, in: known).map { "; did you mean '\($0)'?" } ?? "; promptmcp rules lists them"
                    error(key, "unknown rule '\(id)' in '\(keyPath)'\(hint)")
                }
                validate(value, as: .severity, at: join(keyPath, id))
            }
        case .list(let element):
            guard let sequence = node.sequence else { return expected(shape, node, keyPath) }
            for (index, item) in sequence.enumerated() { validate(item, as: element, at: "\(keyPath)[\(index)]") }
        case .either(let first, let second):
            if fits(node, first) { validate(node, as: first, at: keyPath) }
            else if fits(node, second) { validate(node, as: second, at: keyPath) }
            else { expected(shape, node, keyPath) }
        default:
            validateScalar(node, as: shape, at: keyPath)
        }
    }

    private mutating func validateScalar(_ node: Node, as shape: Shape, at keyPath: String) {
        guard let scalar = node.scalar else { return expected(shape, node, keyPath) }
        let text = scalar.string
        switch shape {
        case .integer(let minimum, let maximum):
            guard let number = node.int, (minimum...maximum).contains(number) else { return expected(shape, node, keyPath) }
        case .boolean:
            guard node.policyBool != nil else { return expected(shape, node, keyPath) }
        case .string:
            break
        case .glob:
            do { _ = try Glob(text) } catch { self.error(node, "'\(keyPath)': bad glob '\(text)': \(error)") }
        case .regex:
            do { _ = try PolicyRegex(text) } catch {
                self.error(node, "'\(keyPath)': bad regular expression '\(text)': \(error)")
            }
        case .seconds(let range):
            guard let seconds = Notation.seconds(text), range.contains(seconds) else { return expected(shape, node, keyPath) }
        case .bytes(let range):
            guard let bytes = Notation.bytes(text), range.contains(bytes) else { return expected(shape, node, keyPath) }
        case .rate:
            guard let rate = Notation.rate(text), rate.count <= Shape.largestRate else { return expected(shape, node, keyPath) }
        case .choice(let values):
            guard values.contains(text) else {
                let hint = Suggestion.closest(to: text, in: values).map { "; did you mean '\($0)'?" } ?? ""
                return error(node, "'\(keyPath)' must be \(shape.name), not '\(text)'\(hint)")
            }
        default:
            expected(shape, node, keyPath)
        }
    }

    /// Whether a node is of the kind (map, list, scalar) a shape wants: picks a branch of `either`.
    private func fits(_ node: Node, _ shape: Shape) -> Bool {
        switch shape {
        case .map, .dictionary: return node.mapping != nil
        case .list: return node.sequence != nil
        case .either(let first, let second): return fits(node, first) || fits(node, second)
        default: return node.scalar != nil
        }
    }

    private mutating func expected(_ shape: Shape, _ node: Node, _ keyPath: String) {
        if keyPath.isEmpty {
            return error(node, "the policy file must be a map of sections, starting with 'version: 1'\(Self.found(node))")
        }
        if case .scalar(let scalar) = node, scalar.string.isEmpty {
            return error(node, "'\(keyPath)' has no value; it must be \(shape.name)")
        }
        error(node, "'\(keyPath)' must be \(shape.name)\(Self.found(node))")
    }

    private static func found(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return ", not '\(scalar.string)'"
        case .mapping: return ", not a map"
        case .sequence: return ", not a list"
        case .alias: return ""
        }
    }

    private mutating func error(_ node: Node, _ message: String) {
        diagnostics.append(PolicyDiagnostic(location: location(of: node), level: .error, message: message))
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    private func join(_ keyPath: String, _ key: String) -> String {
        keyPath.isEmpty ? key : "\(keyPath).\(key)"
    }
}

/// "Did you mean ...": the known word nearest a misspelt one, when it is near enough.
public enum Suggestion {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        guard word.utf8.count <= PolicyBounds.maxSuggestionLength else { return nil }
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance, with `-` and `_` counted as the same character.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.replacingOccurrences(of: "-", with: "_"))
        let b = Array(b.replacingOccurrences(of: "-", with: "_"))
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            previous = current
        }
        return previous[b.count]
    }
}
