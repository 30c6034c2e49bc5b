/// A place in a policy file, for error messages and for `promptmcp explain`.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A policy value and where it was set; no location means the built-in default.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation?

    public init(_ value: Value, at location: SourceLocation? = nil) {
        self.value = value
        self.location = location
    }

    /// "policy.yml:12" or "built-in default", for people.
    public var origin: String {
        location.map { "\($0.file):\($0.line)" } ?? "built-in default"
    }
}

extension Located: Equatable where Value: Equatable {}

/// One problem found in a policy file.
public struct PolicyDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Level: String, Sendable { case error, warning }

    public var location: SourceLocation
    public var level: Level
    public var message: String

    public var description: String { "\(location): \(level.rawValue): \(message)" }
}

/// A policy that cannot be used; every problem found is listed, not only the first.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [PolicyDiagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
