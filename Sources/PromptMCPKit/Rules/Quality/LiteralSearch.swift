#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the added lines that hold any of a few literals (debug calls, to-do markers), without
/// walking the other lines: each literal is searched through the whole content (`memchr` for its
/// rarest byte, then a compare), and only a line with a hit is cut out and handed to the rule,
/// which then decides precisely. A file without any hit costs one fast pass per literal.
struct LiteralSearch: Sendable {
    let literals: [[UInt8]]
    /// For each literal, the offset of the byte `memchr` looks for: the one least likely in
    /// source text, so that few candidates need a compare (a capital letter rather than a small
    /// one, `!` in `dbg!(`).
    private let anchors: [Int]

    init(_ literals: [String]) {
        self.init(literals.map { Array($0.utf8) })
    }

    init(_ literals: [[UInt8]]) {
        self.literals = literals.filter { !$0.isEmpty }
        anchors = self.literals.map { literal in
            literal.indices.min { Self.commonness(literal[$0]) < Self.commonness(literal[$1]) } ?? 0
        }
    }

    /// A rough rank of how common a byte is in source code and prose (higher: more common).
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case ASCII.space: return 100
        case UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "i"),
             UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"): return 90
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return 70
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."), UInt8(ascii: "="), UInt8(ascii: ","),
             UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "_"): return 60
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return 50
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return 40
        default: return 20
        }
    }

    /// Calls `body` once for each added line that contains at least one literal, in order, with
    /// the line's number and bytes (without "\n").
    func forEachAddedLine(in file: FileChange, _ body: (Int, ArraySlice<UInt8>) -> Void) {
        guard !file.addedRanges.isEmpty else { return }
        scan(file.content, only: file.addedRanges) { number, line in
            body(number, line)
            return true
        }
    }

    /// Calls `body` for each line of `content` (added or not) that contains a literal, until it
    /// returns false.
    func forEachLine(in content: [UInt8], _ body: (ArraySlice<UInt8>) -> Bool) {
        scan(content, only: nil) { body($1) }
    }

    private func scan(_ content: [UInt8], only ranges: [ClosedRange<Int>]?, _ body: (Int, ArraySlice<UInt8>) -> Bool) {
        guard !literals.isEmpty else { return }
        content.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var next = literals.indices.map { find($0, in: base, count: count, from: 0) }
            var lineNumber = 1
            var lineStart = 0
            var rangeIndex = 0
            while let hit = next.min(), hit < count {
                // Count the lines up to the hit.
                while let newline = Self.newline(in: base, from: lineStart, to: hit) {
                    lineNumber += 1
                    lineStart = newline + 1
                }
                let lineEnd = Self.newline(in: base, from: hit, to: count) ?? count
                var wanted = true
                if let ranges {
                    while rangeIndex < ranges.count, ranges[rangeIndex].upperBound < lineNumber { rangeIndex += 1 }
                    guard rangeIndex < ranges.count else { return }  // no added line from here on
                    wanted = ranges[rangeIndex].contains(lineNumber)
                }
                if wanted, !body(lineNumber, content[lineStart..<lineEnd]) { return }
                guard lineEnd < count else { return }
                lineNumber += 1
                lineStart = lineEnd + 1
                for index in next.indices where next[index] < lineStart {
                    next[index] = find(index, in: base, count: count, from: lineStart)
                }
            }
        }
    }

    /// The offset of the next occurrence of literal `index` at or after `start`, or `count` when none.
    private func find(_ index: Int, in base: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int {
        let literal = literals[index]
        let anchor = anchors[index]
        let length = literal.count
        var position = start + anchor  // where the anchor byte of a hit at `start` would be
        while position - anchor + length <= count {
            guard let found = memchr(base + position, Int32(literal[anchor]), count - position) else { return count }
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - anchor
            guard offset + length <= count else { return count }
            if literal.withUnsafeBufferPointer({ memcmp(base + offset, $0.baseAddress!, length) == 0 }) {
                return offset
            }
            position = offset + anchor + 1
        }
        return count
    }

    private static func newline(in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let found = memchr(base + start, Int32(ASCII.newline), end - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

extension ArraySlice<UInt8> {
    /// The index of the first occurrence of `literal` that is a whole word at its edges: when the
    /// literal starts (ends) with a letter, digit or `_`, the byte before (after) it must not be
    /// one, so `print(` does not match `blueprint(` and `byebug` does not match `byebugger`.
    func firstWordMatch(of literal: [UInt8], from start: Int? = nil) -> Int? {
        guard let head = literal.first, let tail = literal.last else { return nil }
        let checkBefore = ASCII.isWordByte(head)
        let checkAfter = ASCII.isWordByte(tail)
        var index = start ?? startIndex
        while index + literal.count <= endIndex {
            guard let found = self[index...].firstIndex(of: head) else { return nil }
            if hasPrefix(literal, at: found),
               !checkBefore || found == startIndex || !ASCII.isWordByte(self[found - 1]),
               !checkAfter || found + literal.count == endIndex || !ASCII.isWordByte(self[found + literal.count]) {
                return found
            }
            index = found + 1
        }
        return nil
    }
}
