import MCP
import PromptMCPKit

/// Checks arguments against a tool's schema and names every problem with its place
/// (`arguments.edits[1].path: expected a string, got a number`), so that an agent can correct
/// its call in one go.
extension Schema {
    func problems(in value: Value, at path: String = "arguments") -> [String] {
        var problems: [String] = []
        check(value, at: path, into: &problems)
        return problems
    }

    private func check(_ value: Value, at path: String, into problems: inout [String]) {
        switch (self, value) {
        case (.nullable, .null):
            return
        case (.nullable(let inner), _):
            inner.check(value, at: path, into: &problems)
        case let (.object(properties, required), .object(fields)):
            checkObject(fields, properties, required, at: path, into: &problems)
        case let (.string(maxBytes, minLength), .string(text)):
            if text.utf8.count > maxBytes {
                problems.append("\(path): \(text.utf8.count) bytes, over the limit of \(maxBytes)")
            } else if text.count < minLength {
                problems.append(minLength == 1 ? "\(path): must not be empty" : "\(path): must be at least \(minLength) characters")
            }
        case let (.choice(values), .string(text)):
            guard !values.contains(text) else { return }
            let hint = Suggestion.closest(to: text, in: values).map { "; did you mean '\($0)'?" } ?? ""
            problems.append("\(path): must be \(name), not '\(text)'\(hint)")
        case let (.integer(minimum, maximum), _) where Self.integer(value) != nil:
            let number = Self.integer(value)!
            if number < minimum || number > maximum {
                problems.append("\(path): must be from \(minimum) to \(maximum), not \(number)")
            }
        case (.boolean, .bool):
            return
        case let (.array(element, maxItems), .array(items)):
            guard items.count <= maxItems else {
                return problems.append("\(path): \(items.count) items, over the limit of \(maxItems)")
            }
            for (index, item) in items.enumerated() { element.check(item, at: "\(path)[\(index)]", into: &problems) }
        default:
            problems.append("\(path): expected \(name), got \(Self.describe(value))")
        }
    }

    private func checkObject(_ fields: [String: Value], _ properties: [Property], _ required: [String],
                             at path: String, into problems: inout [String]) {
        let known = properties.map(\.name)
        for key in fields.keys.sorted() where !known.contains(key) {
            let hint = Suggestion.closest(to: key, in: known).map { "; did you mean '\($0)'?" }
                ?? (known.isEmpty ? "; it takes none" : "; it takes " + known.joined(separator: ", "))
            problems.append("\(path): unknown argument '\(key)'\(hint)")
        }
        var missing: Set<String> = []
        for name in required {
            let nullable = properties.contains { if case .nullable = $0.schema { $0.name == name } else { false } }
            if fields[name] == nil || (fields[name] == .null && !nullable) {
                missing.insert(name)
                problems.append("\(path): missing required argument '\(name)'")
            }
        }
        for property in properties where !missing.contains(property.name) {
            // An optional argument sent as null counts as left out, as many clients send them.
            guard let field = fields[property.name], field != .null || required.contains(property.name) else { continue }
            property.schema.check(field, at: "\(path).\(property.name)", into: &problems)
        }
    }

    /// JSON has one number type: 5 and 5.0 are the same whole number.
    static func integer(_ value: Value) -> Int? {
        switch value {
        case .int(let number): return number
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: return Int(number)
        default: return nil
        }
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "\(flag)"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .data: return "a data: URL"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension Value {
    /// The value with `DataURLGuard`'s markers taken off its strings and keys.
    var unescaped: Value {
        switch self {
        case .string(let text): return .string(DataURLGuard.unescape(text))
        case .array(let items): return .array(items.map(\.unescaped))
        case .object(let fields):
            return .object(Dictionary(fields.map { (DataURLGuard.unescape($0.key), $0.value.unescaped) }) { first, _ in first })
        default: return self
        }
    }
}
