/// A strict JSON syntax check (RFC 8259) that builds nothing: it walks the bytes once, with an
/// explicit stack rather than recursion (a deeply nested file cannot overflow the thread's stack),
/// and stops at the first problem with its byte offset and a message for people.
///
/// Not `JSONSerialization`: on Linux it accepts trailing commas (`[1,]`), which `JSON.parse`,
/// npm and most strict readers refuse, it builds every object only to throw it away, and its
/// errors give a character offset in prose.
package enum JSONValidation {
    package struct Problem: Error, Equatable {
        var offset: Int
        var message: String
    }

    /// The first syntax problem in `bytes`, or nil when they are one valid JSON value (a UTF-8
    /// byte order mark before it is allowed). Bytes inside strings are not checked for UTF-8.
    package static func firstProblem(in bytes: [UInt8]) -> Problem? {
        bytes.withUnsafeBufferPointer { buffer -> Problem? in
            var reader = Reader(bytes: buffer)
            do throws(Problem) {
                try reader.document()
                return nil
            } catch {
                return error
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        /// The open containers: `{` or `[`.
        var stack: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func document() throws(Problem) {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
            try value()
            skipWhitespace()
            if current != nil { throw problem("unexpected \(found) after the end of the JSON value") }
        }

        /// One value, containers included: opening a container goes on to its first element, and
        /// after each complete value the loop below closes containers or moves to the next element.
        private mutating func value() throws(Problem) {
            while true {
                skipWhitespace()
                guard let byte = current else { throw problem("expected a value, found the end of the file") }
                switch byte {
                case UInt8(ascii: "{"):
                    index += 1
                    skipWhitespace()
                    if current == UInt8(ascii: "}") {
                        index += 1
                    } else {
                        stack.append(UInt8(ascii: "{"))
                        try key()
                        continue
                    }
                case UInt8(ascii: "["):
                    index += 1
                    skipWhitespace()
                    if current == UInt8(ascii: "]") {
                        index += 1
                    } else {
                        stack.append(UInt8(ascii: "["))
                        continue
                    }
                case UInt8(ascii: "\""): try string()
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
                case UInt8(ascii: "t"): try literal("true")
                case UInt8(ascii: "f"): try literal("false")
                case UInt8(ascii: "n"): try literal("null")
                default: throw problem("expected a value, found \(found)")
                }
                guard try closeContainers() else { return }
            }
        }

        /// After a value: closes finished containers; true when another element follows.
        private mutating func closeContainers() throws(Problem) -> Bool {
            while let open = stack.last {
                let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let what = open == UInt8(ascii: "{") ? "a member" : "an element"
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    let comma = index
                    index += 1
                    skipWhitespace()
                    if let next = current, next == UInt8(ascii: "}") || next == UInt8(ascii: "]") {
                        index = comma
                        throw problem("trailing comma before '\(Character(Unicode.Scalar(next)))'")
                    }
                    if open == UInt8(ascii: "{") { try key() }
                    return true
                }
                guard current == close else {
                    throw problem("expected ',' or '\(Character(Unicode.Scalar(close)))' after \(what), found \(found)")
                }
                index += 1
                stack.removeLast()
            }
            return false
        }

        /// `"name" :` in an object.
        private mutating func key() throws(Problem) {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw problem("expected a member name in double quotes, found \(found)") }
            try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw problem("expected ':' after the member name, found \(found)") }
            index += 1
        }

        private mutating func string() throws(Problem) {
            let start = index
            index += 1
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return
                case UInt8(ascii: "\\"):
                    index += 1
                    switch current {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        index += 1
                        for _ in 0..<4 {
                            guard let digit = current, Self.isHexDigit(digit) else {
                                throw problem("'\\u' must be followed by four hexadecimal digits")
                            }
                            index += 1
                        }
                    default:
                        let escaped = current.map { String(Unicode.Scalar($0)) } ?? ""
                        index -= 1
                        throw problem("invalid escape '\\\(escaped)' in a string")
                    }
                case ASCII.newline, ASCII.carriageReturn:
                    throw problem("line break inside a string: close the string before it, or write it as \\n")
                case 0..<0x20:
                    throw problem("control character (byte 0x\(String(byte, radix: 16, uppercase: true))) in a string; write it as an escape such as \\n or \\t")
                default:
                    index += 1
                }
            }
            index = start
            throw problem("string never closed: no '\"' before the end of the file")
        }

        private mutating func number() throws(Problem) {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, Self.isDigit(first) else { throw problem("expected a digit, found \(found)") }
            index += 1
            if first == UInt8(ascii: "0"), let next = current, Self.isDigit(next) {
                throw problem("a number cannot start with 0 followed by more digits")
            }
            skipDigits()
            if current == UInt8(ascii: ".") {
                index += 1
                guard let digit = current, Self.isDigit(digit) else { throw problem("expected a digit after '.', found \(found)") }
                skipDigits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let digit = current, Self.isDigit(digit) else { throw problem("expected a digit in the exponent, found \(found)") }
                skipDigits()
            }
        }

        private mutating func literal(_ word: StaticString) throws(Problem) {
            let length = word.utf8CodeUnitCount
            let matches = index + length <= bytes.count && (0..<length).allSatisfy { bytes[index + $0] == word.utf8Start[$0] }
            guard matches else { throw problem("expected a value, found \(found)") }
            index += length
        }

        private mutating func skipWhitespace() {
            while let byte = current, byte == ASCII.space || byte == ASCII.newline || byte == ASCII.tab || byte == ASCII.carriageReturn {
                index += 1
            }
        }

        private mutating func skipDigits() {
            while let byte = current, Self.isDigit(byte) { index += 1 }
        }

        /// What is at the current position, for messages.
        private var found: String {
            guard let byte = current else { return "the end of the file" }
            if byte == UInt8(ascii: "'") { return "\"'\" (JSON strings take double quotes)" }
            if byte == UInt8(ascii: "/") { return "'/' (JSON has no comments)" }
            if byte > 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        private func problem(_ message: String) -> Problem { Problem(offset: index, message: message) }

        private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
    }
}
