/// The small pattern language the bundled secret rules are written in: a subset of regular
/// expressions that compiles to `Segment`s, so that a match never backtracks and costs no regex
/// engine on the hot path. It has
/// - literal bytes (`\` escapes one of `[](){}|\?*+`; there is no wildcard, so `.` is a dot);
/// - classes `[A-Za-z0-9_-]` and `\w` (`[A-Za-z0-9_]`), `\d` (`[0-9]`), `\h` (`[0-9a-f]`),
///   `\H` (`[0-9A-F]`), each with `{n}`, `{n,m}`, `{n,}`, `+`, `*` or `?` after it;
/// - groups of literal alternatives `(live|test)`, optionally followed by `?`;
/// - `\K`: the secret starts here (what comes before is context, as in PCRE).
/// The literals and groups a pattern starts with are its keywords: `(ghu|ghs)_\w{36}` is found
/// from `ghu_` and `ghs_`.
enum SecretPatternSyntax {
    struct Compiled: Sendable, Equatable {
        /// Fixed or single runs and literals before the keyword, matched backwards from it
        /// (`[a-z0-9]{14}` before `.atlasv1.`); empty when the pattern starts with its keyword.
        var before: [Segment] = []
        var prefixes: [[UInt8]]
        var segments: [Segment]

        /// The whole pattern, prefixes included: for a value matched from its first byte.
        var whole: [Segment] = []
    }

    struct Error: Swift.Error, CustomStringConvertible, Equatable {
        var message: String
        var offset: Int
        var description: String { "\(message) at byte \(offset + 1)" }
    }

    /// A run with no upper bound (`+`, `*`, `{n,}`) stops after this many bytes.
    static let unboundedRun = 4096

    static func compile(_ pattern: String) throws -> Compiled {
        var parser = Parser(bytes: Array(pattern.utf8))
        var segments = try parser.segments()
        let whole = segments
        // A pattern that starts with runs is found from its first literal, and matched back.
        let firstLiteral = segments.firstIndex { segment in
            switch segment {
            case .literal, .oneOf: return true
            case .run, .secretStart: return false
            }
        } ?? 0
        let before = Array(segments[..<firstLiteral])
        guard before.allSatisfy({ if case .run = $0 { return true } else { return false } }),
              before.filter({ if case .run(_, let low, let high) = $0 { return low != high } else { return false } }).count <= 1 else {
            throw Error(message: "only runs, at most one of them of varying length, may come before the first literal", offset: 0)
        }
        segments.removeFirst(firstLiteral)
        return Compiled(before: before, prefixes: prefixes(of: segments), segments: Array(segments.dropFirst(leadingLiterals(segments))), whole: whole)
    }

    /// How many segments at the start are literals or groups of literals.
    private static func leadingLiterals(_ segments: [Segment]) -> Int {
        segments.prefix { segment in
            switch segment {
            case .literal, .oneOf: return true
            case .run, .secretStart: return false
            }
        }.count
    }

    /// Every combination of the leading literals: `(AKIA|ASIA)` gives two prefixes.
    private static func prefixes(of segments: [Segment]) -> [[UInt8]] {
        var prefixes: [[UInt8]] = [[]]
        for segment in segments.prefix(leadingLiterals(segments)) {
            switch segment {
            case .literal(let bytes): prefixes = prefixes.map { $0 + bytes }
            case .oneOf(let options): prefixes = prefixes.flatMap { prefix in options.map { prefix + $0 } }
            case .run, .secretStart: break
            }
        }
        return prefixes.filter { !$0.isEmpty }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func segments() throws -> [Segment] {
            var segments: [Segment] = []
            var literal: [UInt8] = []
            func flush() {
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = []
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "["):
                    flush()
                    segments.append(try quantified(try bracketClass()))
                case UInt8(ascii: "("):
                    flush()
                    segments.append(try group())
                case UInt8(ascii: "\\"):
                    guard index + 1 < bytes.count else { throw Error(message: "a pattern cannot end with \\", offset: index) }
                    let escaped = bytes[index + 1]
                    if escaped == UInt8(ascii: "K") {
                        flush()
                        segments.append(.secretStart)
                        index += 2
                    } else if let set = Self.shorthand(escaped) {
                        flush()
                        index += 2
                        segments.append(try quantified(set))
                    } else {
                        literal.append(escaped)
                        index += 2
                    }
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"),
                     UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"):
                    throw Error(message: "'\(Character(UnicodeScalar(byte)))' must be escaped here", offset: index)
                default:
                    literal.append(byte)
                    index += 1
                }
            }
            flush()
            return segments
        }

        private static func shorthand(_ byte: UInt8) -> ByteSet? {
            switch byte {
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "d"): return .digits
            case UInt8(ascii: "h"): return .lowerHex
            case UInt8(ascii: "H"): return ByteSet("0-9A-F")
            default: return nil
            }
        }

        /// `[...]`, read as `ByteSet` reads its spec (ranges and single bytes, `\` escapes one).
        private mutating func bracketClass() throws -> ByteSet {
            let open = index
            index += 1
            var spec: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    spec.append(bytes[index + 1])
                    index += 2
                } else {
                    spec.append(bytes[index])
                    index += 1
                }
            }
            guard index < bytes.count, !spec.isEmpty else { throw Error(message: "an unclosed or empty class", offset: open) }
            index += 1
            return ByteSet(String(decoding: spec, as: UTF8.self))
        }

        /// `(a|b|c)` or `(a|b)?`: literal alternatives.
        private mutating func group() throws -> Segment {
            let open = index
            index += 1
            var options: [[UInt8]] = [[]]
            while index < bytes.count, bytes[index] != UInt8(ascii: ")") {
                switch bytes[index] {
                case UInt8(ascii: "|"):
                    options.append([])
                    index += 1
                case UInt8(ascii: "\\") where index + 1 < bytes.count:
                    options[options.count - 1].append(bytes[index + 1])
                    index += 2
                case UInt8(ascii: "["), UInt8(ascii: "("):
                    throw Error(message: "a group holds literal alternatives only", offset: index)
                default:
                    options[options.count - 1].append(bytes[index])
                    index += 1
                }
            }
            guard index < bytes.count else { throw Error(message: "an unclosed group", offset: open) }
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
                options.append([])
                index += 1
            }
            guard options.contains(where: { !$0.isEmpty }) else { throw Error(message: "an empty group", offset: open) }
            return .oneOf(options.sorted { $0.count > $1.count })
        }

        /// The quantifier after a class: exactly one byte without one.
        private mutating func quantified(_ set: ByteSet) throws -> Segment {
            guard index < bytes.count else { return .run(set, min: 1, max: 1) }
            switch bytes[index] {
            case UInt8(ascii: "+"):
                index += 1
                return .run(set, min: 1, max: SecretPatternSyntax.unboundedRun)
            case UInt8(ascii: "*"):
                index += 1
                return .run(set, min: 0, max: SecretPatternSyntax.unboundedRun)
            case UInt8(ascii: "?"):
                index += 1
                return .run(set, min: 0, max: 1)
            case UInt8(ascii: "{"):
                let open = index
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw Error(message: "an unclosed {", offset: open)
                }
                let parts = String(decoding: bytes[(index + 1)..<close], as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
                index = close + 1
                guard let low = parts.first.flatMap({ Int($0) }), parts.count <= 2 else { throw Error(message: "a bad count", offset: open) }
                let high = parts.count == 1 ? low : (parts[1].isEmpty ? SecretPatternSyntax.unboundedRun : Int(parts[1]) ?? -1)
                guard high >= low else { throw Error(message: "a bad count", offset: open) }
                return .run(set, min: low, max: high)
            default:
                return .run(set, min: 1, max: 1)
            }
        }
    }
}
