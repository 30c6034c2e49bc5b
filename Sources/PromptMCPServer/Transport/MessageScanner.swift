import PromptMCPKit

/// One pass over a JSON-RPC message's bytes, without decoding it: finds the top-level `id` and
/// whether it is a request or a response, and shields string values from the MCP SDK's data-URL
/// decoding.
///
/// The SDK decodes every JSON string that looks like a `data:` URL (RFC 2397) into bytes, so a
/// file whose content starts with `data:` (a YAML file, say) would reach a tool percent-decoded
/// and cut at its first comma. The scanner puts `DataURLGuard.marker` in front of every string
/// that starts with `data:` or with the marker itself; `DataURLGuard.unescape` takes it off
/// again. Escaping strings that start with the marker too keeps the mapping reversible.
package struct MessageScanner {
    package struct Result {
        var bytes: [UInt8]
        /// The top-level `id` as JSON text (`7`, `"abc"`), nil for notifications and batches,
        /// and for an id that is not a JSON number or string (it is echoed in error answers).
        package var id: String?
        var hasMethod = false
        var hasResultOrError = false
        /// The deepest nesting of arrays and objects, outside strings.
        var depth = 0
    }

    /// Deeper messages are refused before the SDK decodes them: no MCP message nests past a
    /// few levels, and a decoder that recurses per level must never meet 16 million `[`.
    package static let maxDepth = 128

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// `guardStrings`: rewrite strings as described above (incoming messages only).
    package static func scan(_ input: [UInt8], guardStrings: Bool) -> Result {
        var result = Result(bytes: [])
        result.bytes.reserveCapacity(input.count + 16)
        var depth = 0
        var index = 0
        var lastString: Range<Int>?
        while index < input.count {
            let byte = input[index]
            if byte == quote {
                let end = stringEnd(input, from: index + 1)
                result.bytes.append(byte)
                if guardStrings, DataURLGuard.needsMarker(input, from: index + 1, to: end) {
                    result.bytes += DataURLGuard.marker
                }
                result.bytes += input[(index + 1)..<min(end + 1, input.count)]
                lastString = (index + 1)..<end
                index = end + 1
                continue
            }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                result.depth = max(result.depth, depth)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ":") where depth == 1:
                let key = lastString.map { String(decoding: input[$0], as: UTF8.self) }
                note(key, in: &result)
                if key == "id" { result.id = rawValue(input, after: index) }
            default: break
            }
            result.bytes.append(byte)
            index += 1
        }
        return result
    }

    private static func note(_ key: String?, in result: inout Result) {
        switch key {
        case "method": result.hasMethod = true
        case "result", "error": result.hasResultOrError = true
        default: break
        }
    }

    /// The index of the quote that closes a string whose content starts at `start`.
    private static func stringEnd(_ input: [UInt8], from start: Int) -> Int {
        var index = start
        while index < input.count {
            if input[index] == backslash { index += 2; continue }
            if input[index] == quote { return index }
            index += 1
        }
        return input.count
    }

    /// A scalar value's JSON text after a key's colon: a number or a string, trimmed; nil for
    /// anything else, which must not be echoed into an answer as if it were an id.
    private static func rawValue(_ input: [UInt8], after colon: Int) -> String? {
        var start = colon + 1
        while start < input.count, [0x20, 0x09, 0x0A, 0x0D].contains(input[start]) { start += 1 }
        guard start < input.count else { return nil }
        if input[start] == quote {
            let end = stringEnd(input, from: start + 1)
            guard end < input.count else { return nil }
            let text = Array(input[start...end])
            return JSONValidation.firstProblem(in: text) == nil ? String(decoding: text, as: UTF8.self) : nil
        }
        var end = start
        while end < input.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09].contains(input[end]) { end += 1 }
        let text = Array(input[start..<end])
        let isNumber = text.first.map { $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
        return isNumber && JSONValidation.firstProblem(in: text) == nil ? String(decoding: text, as: UTF8.self) : nil
    }
}

/// The marker that keeps strings shaped like `data:` URLs from being decoded by the SDK.
enum DataURLGuard {
    /// U+E000, a private-use character, in UTF-8.
    static let marker: [UInt8] = [0xEE, 0x80, 0x80]
    static let markerCharacter: Character = "\u{E000}"

    /// Whether the string content in `input[start..<end]` starts with `data:` or the marker,
    /// reading JSON escapes (`\u0064ata:` is `data:` once decoded).
    static func needsMarker(_ input: [UInt8], from start: Int, to end: Int) -> Bool {
        var scalars: [UInt32] = []
        var index = start
        while index < end, scalars.count < 5 {
            if input[index] == UInt8(ascii: "\\"), index + 1 < end {
                if input[index + 1] == UInt8(ascii: "u"), index + 6 <= end,
                   let value = UInt32(String(decoding: input[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16) {
                    scalars.append(value)
                    index += 6
                } else {
                    scalars.append(UInt32(input[index + 1]))
                    index += 2
                }
            } else if index + 3 <= end, Array(input[index..<(index + 3)]) == marker {
                return scalars.isEmpty
            } else {
                scalars.append(UInt32(input[index]))
                index += 1
            }
            if scalars.first == 0xE000 { return true }
        }
        return scalars == Array("data:".unicodeScalars.map(\.value))
    }

    /// Takes off the marker that `MessageScanner` put on.
    static func unescape(_ text: String) -> String {
        text.first == markerCharacter ? String(text.dropFirst()) : text
    }
}
