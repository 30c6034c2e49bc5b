/// A JSON document as a typed tree, for `JSONText.render`. Writing `[String: Any]` took dynamic
/// casts and NSDictionary bridging, about half the time of rendering a large report.
public enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in any order (the writer sorts them by key); each key once.
    case object([(key: String, value: JSONValue)])

    /// A string, or `null` when there is none.
    public init(_ value: String?) {
        self = value.map(JSONValue.string) ?? .null
    }

    /// An integer, or `null` when there is none.
    public init(_ value: Int?) {
        self = value.map(JSONValue.int) ?? .null
    }

    /// An object with the members of a dictionary built up in steps.
    public init(_ members: [String: JSONValue]) {
        self = .object(Array(members))
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

    /// Kept as written, in order: a report writes thousands of findings, and building a
    /// dictionary for each only to sort it again cost more than writing them.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}
