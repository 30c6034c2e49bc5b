import MCP
import PromptMCPKit
import PromptMCPKnowledge

/// A tool call's arguments after the gate validated them against the tool's schema: typed
/// reads that cannot fail on shape, only on absence.
struct Arguments: Sendable {
    let fields: [String: Value]

    init(_ fields: [String: Value]) { self.fields = fields }

    func string(_ key: String) -> String? { fields[key]?.stringValue }
    func int(_ key: String) -> Int? { fields[key].flatMap(Schema.integer) }
    func bool(_ key: String) -> Bool? { fields[key]?.boolValue }
    func object(_ key: String) -> Arguments? { fields[key]?.objectValue.map(Arguments.init) }
    func array(_ key: String) -> [Value]? { fields[key]?.arrayValue }
    func strings(_ key: String) -> [String]? { array(key)?.compactMap(\.stringValue) }
    func has(_ key: String) -> Bool { fields[key].map { $0 != .null } ?? false }
}

/// Why a tool refused or failed a call: becomes an `isError` result with this message, and the
/// audit record's outcome.
struct ToolFailure: Error, CustomStringConvertible {
    var message: String
    var outcome: AuditLog.Outcome

    static func invalid(_ message: String) -> ToolFailure { ToolFailure(message: message, outcome: .invalid) }
    static func refused(_ message: String) -> ToolFailure { ToolFailure(message: message, outcome: .refused) }
    static func failed(_ message: String) -> ToolFailure { ToolFailure(message: message, outcome: .toolError) }

    var description: String { message }
}

/// What a tool returns: a short summary for the model to read first, the structured answer
/// (which fits the tool's `outputSchema`; nil for a refusal or a failure), whether it is an
/// error result, and a line for the audit log.
struct ToolOutput: Sendable {
    var summary: String
    var structured: JSONValue?
    var isError = false
    var outcome = AuditLog.Outcome.ok
    var detail = ""
}
