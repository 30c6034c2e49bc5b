import Foundation
import MCP
import PromptMCPKit

extension Value {
    /// A report tree as an MCP value, for `structuredContent`.
    init(_ json: JSONValue) {
        switch json {
        case .string(let text): self = .string(text)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .null
        case .array(let items): self = .array(items.map(Value.init))
        case .object(let members): self = .object(Dictionary(members.map { ($0.key, Value($0.value)) }) { $1 })
        }
    }

    /// One line of JSON with sorted keys: the text copy of `structuredContent` that clients
    /// without structured output read (the MCP specification asks for one).
    var compactJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }
}
