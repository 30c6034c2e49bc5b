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
            var bits = ByteVector.positions(of: 0x0A, at: base + position)
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

/// 16 bytes at a time with vector compares (16 on purpose: for the baseline x86-64 target, SSE2,
/// Swift compiles 32-byte masks to per-lane code about 25 times slower).
enum ByteVector {
    typealias Vector = SIMD16<UInt8>

    /// A bit per byte of the 16 at `pointer`: set where `byte` is.
    @inline(__always)
    static func positions(of byte: UInt8, at pointer: UnsafePointer<UInt8>) -> UInt32 {
        let vector = UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
        return bits(vector .== Vector(repeating: byte))
    }

    /// Packs a lane mask into one bit per lane (lane i is bit i): each 8 lanes of 0/1 bytes,
    /// read as a 64-bit word, times 0x0102040810204080 gather into its top byte.
    @inline(__always)
    static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt32 {
        let lanes = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        guard lanes[0] | lanes[1] != 0 else { return 0 }
        let words = lanes & SIMD2(repeating: 0x0101_0101_0101_0101)
        let packed = (words &* 0x0102_0408_1020_4080) &>> 56
        return UInt32(truncatingIfNeeded: packed[0]) | UInt32(truncatingIfNeeded: packed[1]) << 8
    }
}
