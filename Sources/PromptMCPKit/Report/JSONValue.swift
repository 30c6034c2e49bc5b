/// A JSON document as a typed tree, for `JSONText.render`. Writing `[String: Any]` took dynamic
/// casts and NSDictionary bridging, about half the time of rendering a large report.
public enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// A string, or `null` when there is none.
    public init(_ value: String?) {
        self = value.map(JSONValue.string) ?? .null
    }

    /// An integer, or `null` when there is none.
    public init(_ value: Int?) {
        self = value.map(JSONValue.int) ?? .null
    }

    /// An array of strings.
    public init(_ values: [String]) {
        self = .array(values.map(JSONValue.string))
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    /// A repeated key traps, as it does in a `Dictionary` literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))
    }
}
