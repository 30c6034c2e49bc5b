import MCP

/// What a tool answers, as JSON Schema: published as the tool's `outputSchema`, and the shape of
/// the `structuredContent` of every answer that is not an error. Objects stay open (fields are
/// only ever added), and every field listed is required, so a client can rely on it being there.
indirect enum OutputShape: Sendable {
    case object([(String, OutputShape)])
    /// A map whose keys are data (tool names, paths).
    case dictionary(OutputShape)
    case array(OutputShape)
    case string
    case integer
    case number
    case boolean
    case nullable(OutputShape)
    /// An object of one of these shapes.
    case anyOf([OutputShape])

    var json: Value {
        switch self {
        case .object(let fields):
            return .object(["type": "object", "properties": .object(Dictionary(uniqueKeysWithValues: fields.map { ($0.0, $0.1.json) })),
                            "required": .array(fields.map { .string($0.0) })])
        case .dictionary(let values): return .object(["type": "object", "additionalProperties": values.json])
        case .array(let items): return .object(["type": "array", "items": items.json])
        case .string: return .object(["type": "string"])
        case .integer: return .object(["type": "integer"])
        case .number: return .object(["type": "number"])
        case .boolean: return .object(["type": "boolean"])
        case .anyOf(let shapes): return .object(["type": "object", "anyOf": .array(shapes.map(\.json))])
        case .nullable(let inner):
            guard case .object(var object) = inner.json, let type = object["type"] else { return inner.json }
            object["type"] = .array([type, "null"])
            return .object(object)
        }
    }
}
