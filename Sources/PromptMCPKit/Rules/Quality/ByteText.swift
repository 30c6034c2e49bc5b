#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers for the rules that read file content. Rules run on every added line of a
/// change on the hot path of a pre-commit hook, so they look at bytes and make a `String` only
/// for a finding.
extension FileChange {
    /// Whether the change brings text to read: a regular file (not a symlink's target or a
    /// submodule's commit), not binary, not deleted.
    var hasTextContent: Bool {
        status != .deleted && !isBinary && (newKind == .file || newKind == .executable)
    }

    /// Whether the new blob is the old one (a pure rename, a mode change): no new content, and
    /// the content was judged when it came in.
    var keepsItsBlob: Bool {
        status != .added && status != .copied && !newID.isZero && oldID == newID
    }

    /// The file name's extension, lowercased and without the dot: `swift` for `App/Main.Swift`;
    /// empty for `Makefile` and for a dotfile such as `.env`.
    var fileExtension: String {
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map(utf8.index(after:)) ?? utf8.startIndex
        guard let dot = utf8[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot != nameStart else { return "" }
        let text = Substring(utf8[utf8.index(after: dot)...])
        return text.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ? text.lowercased() : String(text)
    }

    /// The number of the content's last line (the one after the last "\n" when the content does
    /// not end with one); 0 for empty content.
    var lastLineNumber: Int {
        guard let last = content.last else { return 0 }
        let newlines = content.withUnsafeBufferPointer { buffer in
            var count = 0
            for byte in buffer where byte == ASCII.newline { count &+= 1 }
            return count
        }
        return last == ASCII.newline ? newlines : newlines + 1
    }

    /// Whether line `number` is an added line.
    func isAdded(line number: Int) -> Bool {
        addedRanges.contains { $0.contains(number) }
    }
}

enum ASCII {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// A byte that can be part of an identifier: a letter, a digit or `_` (bytes of non-ASCII
    /// letters count too, so `día` is one word).
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), 0x80...:
            return true
        default:
            return false
        }
    }
}

extension ArraySlice<UInt8> {
    /// The line without the "\r" of a CRLF ending.
    var droppingCarriageReturn: ArraySlice<UInt8> {
        last == ASCII.carriageReturn ? dropLast() : self
    }

    /// The line as text for a fingerprint or a message: surrounding spaces, tabs and a final
    /// "\r" removed, invalid UTF-8 repaired.
    var trimmedText: String { String(decoding: trimmedBytes, as: UTF8.self) }

    /// The line without surrounding spaces, tabs and a final "\r".
    var trimmedBytes: ArraySlice<UInt8> {
        var slice = droppingCarriageReturn
        while let first = slice.first, first == ASCII.space || first == ASCII.tab { slice = slice.dropFirst() }
        while let last = slice.last, last == ASCII.space || last == ASCII.tab { slice = slice.dropLast() }
        return slice
    }

    /// The offset of the first byte that is not a space or a tab (`endIndex` for a blank line).
    var indentEnd: Int {
        firstIndex { $0 != ASCII.space && $0 != ASCII.tab } ?? endIndex
    }

    func hasPrefix(_ bytes: [UInt8], at index: Int) -> Bool {
        index + bytes.count <= endIndex && self[index..<index + bytes.count].elementsEqual(bytes)
    }

    /// Whether `index` is inside a double-quoted string that opens on this line: an odd number of
    /// unescaped `"` before it. A cheap guess that holds for one-line strings in most languages;
    /// a string that spans lines is not seen.
    func isInsideDoubleQuotes(_ index: Int) -> Bool {
        var inside = false
        var escaped = false
        for byte in self[startIndex..<index] {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = inside
            } else if byte == UInt8(ascii: "\"") {
                inside.toggle()
            }
        }
        return inside
    }

    /// Whether the first non-blank characters open a comment: `//`, `/*`, `*` (inside a block
    /// comment) or `#`. Only the start is looked at: a comment after code would need each
    /// language's string syntax.
    var startsAsComment: Bool {
        let start = indentEnd
        guard start < endIndex else { return false }
        switch self[start] {
        case UInt8(ascii: "#"), UInt8(ascii: "*"): return true
        case UInt8(ascii: "/"):
            let next = start + 1 < endIndex ? self[start + 1] : 0
            return next == UInt8(ascii: "/") || next == UInt8(ascii: "*")
        default: return false
        }
    }

    /// Whether more than half of the line after its indentation is inside double-quoted
    /// strings, quotes included: data written as code (test vectors, long messages). A Swift raw
    /// string (`#"..."#`) ends only at `"#`, so the quotes inside it do not close it.
    var isMostlyStringLiterals: Bool {
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#")
        var inside = false
        var raw = false
        var escaped = false
        var literal = 0
        var index = indentEnd
        while index < endIndex {
            let byte = self[index]
            if inside { literal += 1 }
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\"), !raw {
                escaped = inside
            } else if byte == quote, !inside {
                literal += 1
                inside = true
                raw = index > startIndex && self[index - 1] == hash
            } else if byte == quote, !raw || (index + 1 < endIndex && self[index + 1] == hash) {
                inside = false
                raw = false
            }
            index += 1
        }
        return literal * 2 > endIndex - indentEnd
    }

    /// Unicode scalars in the line: every byte that does not continue a UTF-8 sequence (an
    /// invalid byte counts as one).
    var scalarCount: Int {
        var count = 0
        for byte in self where byte & 0xC0 != 0x80 { count &+= 1 }
        return count
    }

    /// The 1-based byte column of the scalar at 1-based position `scalar` (libyaml's columns count
    /// scalars; findings count bytes).
    func byteColumn(ofScalar scalar: Int) -> Int {
        var seen = 0
        for index in indices where self[index] & 0xC0 != 0x80 {
            seen += 1
            if seen == scalar { return index - startIndex + 1 }
        }
        return count + 1 + Swift.max(0, scalar - seen - 1)
    }
}

extension [UInt8] {
    /// Whether `needle` occurs, at `memchr` speed for its first byte (the generic
    /// `firstRange(of:)` costs tens of nanoseconds a byte).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        var found = false
        LiteralSearch([needle]).forEachLine(in: self) { _ in
            found = true
            return false
        }
        return found
    }

    /// Whether `byte` occurs, at `memchr` speed (a plain `contains` looks at one byte at a time).
    func containsByte(_ byte: UInt8) -> Bool {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    /// The bytes of line `number` (1-based), without its "\n"; nil past the end. For the rare
    /// finding placed from an offset or a parser's mark, not for walking lines.
    func line(_ number: Int) -> ArraySlice<UInt8>? {
        var start = 0
        var current = 1
        while current < number {
            guard let newline = self[start...].firstIndex(of: ASCII.newline) else { return nil }
            start = newline + 1
            current += 1
        }
        let end = self[start...].firstIndex(of: ASCII.newline) ?? count
        return self[start..<end]
    }

    /// The 1-based line and byte column of `offset`.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let before = self[..<Swift.min(offset, count)]
        let line = before.reduce(1) { $1 == ASCII.newline ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: ASCII.newline).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }
}
