/// Base64 decoding for the detectors: the standard alphabet (`+/`, `=` padding skipped) or the
/// URL-safe one (`-_`, no padding) that JWTs use. Nil for a byte outside the alphabet.
enum Base64 {
    static func decode<Bytes: Sequence<UInt8>>(_ encoded: Bytes, urlSafe: Bool) -> [UInt8]? {
        let (plus, slash) = urlSafe ? (UInt8(ascii: "-"), UInt8(ascii: "_")) : (UInt8(ascii: "+"), UInt8(ascii: "/"))
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in encoded {
            let sextet: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = UInt32(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = UInt32(byte - 71)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = UInt32(byte) + 4
            case plus: sextet = 62
            case slash: sextet = 63
            case UInt8(ascii: "=") where !urlSafe: continue
            default: return nil
            }
            buffer = buffer << 6 | sextet
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }
}
