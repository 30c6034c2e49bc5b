#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shannon entropy of a value's bytes, in bits per byte: how unpredictable the value looks.
/// Random tokens score high (base64 ~5-6, hex ~3.7-4 for 32+ characters), words, repeated and
/// made-up values low (`aaaaaaaa` 0, `abababab` 1, `changeme` 2.75).
enum SecretEntropy {
    static func bits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double {
        let count = range.count
        guard count > 1 else { return 0 }
        var counts = [Int32](repeating: 0, count: 256)
        var distinct: [UInt8] = []
        distinct.reserveCapacity(min(count, 64))
        counts.withUnsafeMutableBufferPointer { counts in
            for index in range {
                let byte = bytes[index]
                if counts[Int(byte)] == 0 { distinct.append(byte) }
                counts[Int(byte)] &+= 1
            }
        }
        let total = Double(count)
        var entropy = 0.0
        for byte in distinct {
            let p = Double(counts[Int(byte)]) / total
            entropy -= p * log2(p)
        }
        return entropy
    }

    static func bits(_ bytes: [UInt8]) -> Double {
        bytes.withUnsafeBufferPointer { bits($0, 0..<$0.count) }
    }

    /// The least entropy a random value of `length` bytes has, with a margin: a short string
    /// cannot score high (8 distinct bytes give at most 3 bits), so the bar rises with length,
    /// 0.58 x log2(length) capped at 3 bits (1.74 at 8 bytes, 2.32 at 16, 3 from 36 on). Fewer
    /// than 1 in 1,000 random hex, base32 or base62 values fall below it; repetitions and
    /// patterns (`abababab`, `abcabcabc`, `xxxxxxxx`) do. It does not tell words from random
    /// text: the filters do that.
    static func threshold(length: Int) -> Double {
        guard length > 1 else { return .infinity }
        return min(3.0, 0.58 * log2(Double(length)))
    }
}
