/// Writes a `JSONValue` pretty-printed with sorted keys. Foundation's `JSONSerialization` on
/// Linux spends about 75 µs per finding bridging through NSObject; this writes straight into
/// one string.
public enum JSONText {
    public static func render(_ value: JSONValue) -> String {
        var output = ""
        // Room for a typical tool answer or small report, so that it never regrows.
        output.reserveCapacity(4096)
        write(value, depth: 0, into: &output)
        output += "\n"
        return output
    }

    /// On one line, keys sorted: for an answer another program reads (an agent's hook).
    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        writeCompact(value, into: &output)
        return output
    }

    private static func writeCompact(_ value: JSONValue, into output: inout String) {
        switch value {
        case .object(let members):
            output += "{"
            for (position, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if position > 0 { output += "," }
                writeString(member.key, into: &output)
                output += ":"
                writeCompact(member.value, into: &output)
            }
            output += "}"
        case .array(let array):
            output += "["
            for (position, element) in array.enumerated() {
                if position > 0 { output += "," }
                writeCompact(element, into: &output)
            }
            output += "]"
        default:
            write(value, depth: 0, into: &output)
        }
    }

    private static func write(_ value: JSONValue, depth: Int, into output: inout String) {
        switch value {
        case .string(let text): writeString(text, into: &output)
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? String(number) : "null"
        case .null: output += "null"
        case .object(let object): writeObject(object, depth: depth, into: &output)
        case .array(let array): writeArray(array, depth: depth, into: &output)
        }
    }

    private static func writeObject(_ members: [(key: String, value: JSONValue)], depth: Int, into output: inout String) {
        guard !members.isEmpty else { output += "{}"; return }
        let sorted = ascends(members) ? members : members.sorted { $0.key < $1.key }
        precondition(ascends(sorted), "a JSON object with a key twice")
        output += "{\n"
        for (position, member) in sorted.enumerated() {
            if position > 0 { output += ",\n" }
            pad(depth + 1, &output)
            writeString(member.key, into: &output)
            output += " : "
            write(member.value, depth: depth + 1, into: &output)
        }
        output += "\n"
        pad(depth, &output)
        output += "}"
    }

    /// Whether each key is greater than the one before (as in a literal written in order).
    private static func ascends(_ members: [(key: String, value: JSONValue)]) -> Bool {
        zip(members, members.dropFirst()).allSatisfy { $0.key < $1.key }
    }

    private static func writeArray(_ array: [JSONValue], depth: Int, into output: inout String) {
        guard !array.isEmpty else { output += "[]"; return }
        output += "[\n"
        for (position, element) in array.enumerated() {
            if position > 0 { output += ",\n" }
            pad(depth + 1, &output)
            write(element, depth: depth + 1, into: &output)
        }
        output += "\n"
        pad(depth, &output)
        output += "]"
    }

    /// Indentation by depth, so that a line's padding is one append.
    private static let indents = (0..<32).map { String(repeating: "  ", count: $0) }

    private static func pad(_ depth: Int, _ output: inout String) {
        output += depth < indents.count ? indents[depth] : String(repeating: "  ", count: depth)
    }

    /// RFC 8259 escaping: quote, backslash and control characters; everything else as UTF-8.
    /// The text between escapes is appended a run at a time (a hint quoting a pattern such as
    /// `#\d+` has a backslash, and 13,000 of them were appended scalar by scalar).
    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            output += text[runStart..<index]
            output += escape(byte)
            runStart = utf8.index(after: index)
        }
        output += text[runStart...]
        output += "\""
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
