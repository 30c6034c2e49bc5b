/// The added lines of a file as spans of bytes in its content, one per hunk. Found once per
/// file and shared by the rules that scan content: when each secret rule walked the file's
/// newlines up to its hunks by itself, that walk was 9 % of a range check.
public struct AddedSpan: Sendable, Equatable {
    /// The first byte of the span's first line.
    public var start: Int
    /// The end of its last line, before the "\n" (or the end of the content).
    public var end: Int
    /// The number of its first line.
    public var firstLine: Int

    static func spans(of file: FileChange) -> [AddedSpan] {
        guard !file.addedRanges.isEmpty, !file.content.isEmpty else { return [] }
        if file.status == .added, file.addedRanges.count == 1, file.addedRanges[0].lowerBound == 1 {
            return [AddedSpan(start: 0, end: file.content.count, firstLine: 1)]  // every line added: none to count
        }
        return file.content.withUnsafeBufferPointer { bytes in
            var spans: [AddedSpan] = []
            var line = 1
            var offset = 0
            for range in file.addedRanges {
                guard let start = skip(range.lowerBound - line, newlinesFrom: offset, in: bytes), start < bytes.count else { break }
                guard let after = skip(range.count, newlinesFrom: start, in: bytes) else {
                    spans.append(AddedSpan(start: start, end: bytes.count, firstLine: range.lowerBound))
                    break
                }
                spans.append(AddedSpan(start: start, end: after - 1, firstLine: range.lowerBound))
                line = range.upperBound + 1
                offset = after
            }
            return spans
        }
    }

    /// The offset just past the `count`-th "\n" from `start` on (`start` itself for 0), or nil
    /// when there are fewer. Counts 16 bytes at a time.
    static func skip(_ count: Int, newlinesFrom start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard count > 0 else { return start }
        guard let base = bytes.baseAddress else { return nil }
        var remaining = count
        var position = start
        while position + 16 <= bytes.count {
            var bits = SecretKeywordFilter.positions(of: 0x0A, at: base + position)
            let found = bits.nonzeroBitCount
            if found < remaining {
                remaining -= found
                position += 16
                continue
            }
            for _ in 1..<remaining { bits &= bits - 1 }
            return position + bits.trailingZeroBitCount + 1
        }
        while position < bytes.count {
            if base[position] == 0x0A {
                remaining -= 1
                if remaining == 0 { return position + 1 }
            }
            position += 1
        }
        return nil
    }
}
