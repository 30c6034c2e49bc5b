import MCP

/// A tool's input shape: the part of JSON Schema the tools need. It is both what `tools/list`
/// shows a client (`json`) and what the gate checks every call against (`validate`), so the
/// two cannot drift apart. Objects never accept keys they do not list.
indirect enum Schema: Sendable {
    case object([Property], required: [String] = [])
    /// Sizes are bounded in UTF-8 bytes: what the server has to hold and judge.
    case string(maxBytes: Int, minLength: Int = 0)
    case choice([String])
    case integer(minimum: Int, maximum: Int)
    case boolean
    case array(Schema, maxItems: Int)
    /// The value, or null.
    case nullable(Schema)

    struct Property: Sendable {
        var name: String
        var schema: Schema
        var description: String

        init(_ name: String, _ schema: Schema, _ description: String) {
            self.name = name
            self.schema = schema
            self.description = description
        }
    }

    /// The JSON Schema that `tools/list` publishes.
    var json: Value {
        switch self {
        case let .object(properties, required):
            var fields: [String: Value] = [:]
            for property in properties {
                guard case .object(var field) = property.schema.json else { continue }
                field["description"] = .string(property.description)
                fields[property.name] = .object(field)
            }
            var object: [String: Value] = ["type": "object", "properties": .object(fields), "additionalProperties": false]
            if !required.isEmpty { object["required"] = .array(required.map(Value.string)) }
            return .object(object)
        case let .string(maxBytes, minLength):
            var object: [String: Value] = ["type": "string", "maxLength": .int(maxBytes)]
            if minLength > 0 { object["minLength"] = .int(minLength) }
            return .object(object)
        case .choice(let values):
            return .object(["type": "string", "enum": .array(values.map(Value.string))])
        case let .integer(minimum, maximum):
            return .object(["type": "integer", "minimum": .int(minimum), "maximum": .int(maximum)])
        case .boolean:
            return .object(["type": "boolean"])
        case let .array(element, maxItems):
            return .object(["type": "array", "items": element.json, "maxItems": .int(maxItems)])
        case .nullable(let inner):
            guard case .object(var object) = inner.json, let type = object["type"] else { return inner.json }
            object["type"] = .array([type, "null"])
            return .object(object)
        }
    }

    /// What a value of this shape is, for "expected ..." messages.
    var name: String {
        switch self {
        case .object: return "an object"
        case .string: return "a string"
        case .choice(let values): return "one of " + values.map { "'\($0)'" }.joined(separator: ", ")
        case let .integer(minimum, maximum): return "a whole number from \(minimum) to \(maximum)"
        case .boolean: return "true or false"
        case .array: return "an array"
        case .nullable(let inner): return inner.name + " or null"
        }
    }
}
