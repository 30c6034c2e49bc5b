/// The scan's first and only pass over every added byte: it finds where one of up to eight
/// short anchors (2 or 3 bytes taken from the keywords) begins, 16 bytes at a time with vector
/// compares, so a line without any anchor costs a few instructions. Each candidate is then
/// checked byte by byte against the full keywords, and only a keyword hit reaches a matcher.
/// (16-byte vectors on purpose: for the baseline x86-64 target, SSE2, Swift compiles 32-byte
/// masks to per-lane code about 25 times slower.)
///
/// Anchors are 2 bytes compared as written (token prefixes: `p_` of `ghp_`), or 3 bytes compared
/// ignoring ASCII case (the names of the generic rule: `pas`, `tok`).
struct SecretKeywordFilter: Sendable {
    typealias Vector = SIMD16<UInt8>
    typealias Mask = SIMDMask<SIMD16<Int8>>
    static let capacity = 8

    let anchors: [[UInt8]]
    let foldsCase: Bool
    private let width: Int
    private let count: Int
    private let first: (Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector)
    private let second: (Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector)
    private let third: (Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector)

    /// `anchors`: 1 to 8 distinct byte strings, all 2 bytes long, or all 3 bytes long and
    /// lowercase when `foldsCase`.
    init(anchors: [[UInt8]], foldsCase: Bool) {
        precondition(!anchors.isEmpty && anchors.count <= Self.capacity, "1 to \(Self.capacity) anchors")
        let width = anchors[0].count
        precondition(anchors.allSatisfy { $0.count == width } && (width == 2 || (width == 3 && foldsCase)))
        self.anchors = anchors
        self.foldsCase = foldsCase
        self.width = width
        count = anchors.count
        func lanes(_ index: Int) -> (Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector) {
            func lane(_ slot: Int) -> Vector {
                let anchor = anchors[min(slot, anchors.count - 1)]  // unused slots repeat the last anchor
                return Vector(repeating: index < anchor.count ? anchor[index] : 0)
            }
            return (lane(0), lane(1), lane(2), lane(3), lane(4), lane(5), lane(6), lane(7))
        }
        first = lanes(0)
        second = lanes(1)
        third = lanes(2)
    }

    /// Calls `body` with each offset in `lower..<upper` where an anchor starts and ends before
    /// `upper`, in increasing order. `body` returns the offset the search resumes from (at least
    /// the offset it was given plus one), so a matcher can skip what it consumed.
    func forEachCandidate(in bytes: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int,
                          _ body: (Int) -> Int) {
        guard let base = bytes.baseAddress, upper - lower >= width else { return }
        let lastStart = upper - width  // the last offset where an anchor fits
        let vectorWidth = Vector.scalarCount
        var position = lower
        // Vector loop: the loads at position, +1 and +2 must stay below `upper`.
        while position + vectorWidth + width - 1 <= upper {
            let blockStart = position
            var bits = candidates(at: base + blockStart)
            position = blockStart + vectorWidth
            while bits != 0 {
                let offset = blockStart + bits.trailingZeroBitCount
                bits &= bits - 1
                let resume = body(offset)
                guard resume > offset + 1 else { continue }
                if resume >= blockStart + vectorWidth {
                    position = resume
                    break
                }
                bits &= ~UInt32(0) << UInt32(resume - blockStart)  // resume < blockStart + 16
            }
        }
        // Tail: byte by byte.
        while position <= lastStart {
            if matchesAnchor(at: base + position) {
                position = max(body(position), position + 1)
            } else {
                position += 1
            }
        }
    }

    /// A bit per byte of the 16 at `pointer`: set where an anchor starts.
    @inline(__always)
    private func candidates(at pointer: UnsafePointer<UInt8>) -> UInt32 {
        let raw = UnsafeRawPointer(pointer)
        let mask: Mask
        if width == 2 {
            let a = raw.loadUnaligned(as: Vector.self)
            let b = raw.loadUnaligned(fromByteOffset: 1, as: Vector.self)
            let low = pair(a, b, first.0, second.0) .| pair(a, b, first.1, second.1)
            if count <= 2 {
                mask = low
            } else {
                let four = low .| (pair(a, b, first.2, second.2) .| pair(a, b, first.3, second.3))
                mask = count <= 4 ? four : four .| ((pair(a, b, first.4, second.4) .| pair(a, b, first.5, second.5))
                    .| (pair(a, b, first.6, second.6) .| pair(a, b, first.7, second.7)))
            }
        } else {
            let lower = Vector(repeating: 0x20)
            let a = raw.loadUnaligned(as: Vector.self) | lower
            let b = raw.loadUnaligned(fromByteOffset: 1, as: Vector.self) | lower
            let c = raw.loadUnaligned(fromByteOffset: 2, as: Vector.self) | lower
            let four = (triple(a, b, c, 0) .| triple(a, b, c, 1)) .| (triple(a, b, c, 2) .| triple(a, b, c, 3))
            mask = count <= 4 ? four : four .| ((triple(a, b, c, 4) .| triple(a, b, c, 5)) .| (triple(a, b, c, 6) .| triple(a, b, c, 7)))
        }
        return Self.bits(mask)
    }

    @inline(__always)
    private func pair(_ a: Vector, _ b: Vector, _ x: Vector, _ y: Vector) -> Mask {
        (a .== x) .& (b .== y)
    }

    @inline(__always)
    private func triple(_ a: Vector, _ b: Vector, _ c: Vector, _ slot: Int) -> Mask {
        switch slot {
        case 0: return (a .== first.0) .& (b .== second.0) .& (c .== third.0)
        case 1: return (a .== first.1) .& (b .== second.1) .& (c .== third.1)
        case 2: return (a .== first.2) .& (b .== second.2) .& (c .== third.2)
        case 3: return (a .== first.3) .& (b .== second.3) .& (c .== third.3)
        case 4: return (a .== first.4) .& (b .== second.4) .& (c .== third.4)
        case 5: return (a .== first.5) .& (b .== second.5) .& (c .== third.5)
        case 6: return (a .== first.6) .& (b .== second.6) .& (c .== third.6)
        default: return (a .== first.7) .& (b .== second.7) .& (c .== third.7)
        }
    }

    /// Packs a lane mask into one bit per lane (lane i is bit i): each 8 lanes of 0/1 bytes,
    /// read as a 64-bit word, times 0x0102040810204080 gather into its top byte.
    /// (`any(mask)` is not used: it compiles to a call that reduces lane by lane.)
    @inline(__always)
    static func bits(_ mask: Mask) -> UInt32 {
        let lanes = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        guard lanes[0] | lanes[1] != 0 else { return 0 }
        let words = lanes & SIMD2(repeating: 0x0101_0101_0101_0101)
        let packed = (words &* 0x0102_0408_1020_4080) &>> 56
        return UInt32(truncatingIfNeeded: packed[0]) | UInt32(truncatingIfNeeded: packed[1]) << 8
    }

    @inline(__always)
    private func matchesAnchor(at pointer: UnsafePointer<UInt8>) -> Bool {
        for anchor in anchors {
            var matches = true
            for index in 0..<width {
                let byte = foldsCase ? pointer[index] | 0x20 : pointer[index]
                if byte != anchor[index] { matches = false; break }
            }
            if matches { return true }
        }
        return false
    }

    /// A bit per byte of the 16 at `pointer`: set where `byte` is. For counting lines quickly.
    @inline(__always)
    static func positions(of byte: UInt8, at pointer: UnsafePointer<UInt8>) -> UInt32 {
        let vector = UnsafeRawPointer(pointer).loadUnaligned(as: Vector.self)
        return bits(vector .== Vector(repeating: byte))
    }
}
