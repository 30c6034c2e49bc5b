#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path pattern, gitignore-style:
/// - `*` and `?` stay inside one path segment, `[a-z]` is a class, `{a,b}` an alternative;
/// - `**` spans any number of segments (`docs/**`, `**/*.generated.swift`);
/// - a pattern with no `/` matches a file or folder name at any depth (`*.pem`, `.env`);
///   one with a `/` is anchored at the repository root (`Sources/Crypto/**`, `/LICENSE`);
/// - a pattern that matches a folder matches everything inside it (`vendor`, `build/`).
public struct Glob: Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [[Segment]]
    private let anchored: Bool

    private enum Segment: Sendable, Equatable {
        case anyDepth
        /// A name with no wildcard: compared directly, which is most patterns and much cheaper.
        case literal(Substring)
        case wildcard(String)

        init(_ text: Substring) {
            if text == "**" { self = .anyDepth }
            else if text.contains(where: { "*?[\\".contains($0) }) { self = .wildcard(String(text)) }
            else { self = .literal(text) }
        }
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case unclosed(Character)

        public var description: String {
            switch self {
            case .empty: return "a glob cannot be empty"
            case .unclosed(let bracket): return "'\(bracket)' is never closed"
            }
        }
    }

    public init(_ pattern: String) throws {
        self.pattern = pattern
        var body = pattern
        if body.hasSuffix("/") { body.removeLast() }
        if body.hasPrefix("/") { body.removeFirst() }
        guard !body.isEmpty else { throw Problem.empty }
        try Self.checkBrackets(body)
        anchored = pattern.hasPrefix("/") || body.contains("/")
        alternatives = Self.expandBraces(body).map { alternative in
            alternative.split(separator: "/", omittingEmptySubsequences: true).map(Segment.init)
        }
    }

    public var description: String { pattern }

    /// True when `path` (relative to the repository root, `/`-separated) or one of its folders matches.
    public func matches(_ path: String) -> Bool { matches(components: Self.components(path)) }

    /// A path split once, for testing it against many globs.
    public static func components(_ path: String) -> [Substring] { path.split(separator: "/") }

    public func matches(components parts: [Substring]) -> Bool {
        if anchored {
            return alternatives.contains { Self.match($0[...], parts[...], prefixAllowed: true) }
        }
        // An unanchored pattern is one segment (or a brace set of them): test each name in the path.
        return alternatives.contains { segments in
            parts.indices.contains { Self.match(segments[...], parts[$0...], prefixAllowed: true) }
        }
    }

    /// Matches segments against path parts; with `prefixAllowed`, matching a leading folder is enough.
    private static func match(_ segments: ArraySlice<Segment>, _ parts: ArraySlice<Substring>, prefixAllowed: Bool) -> Bool {
        guard let first = segments.first else { return parts.isEmpty || prefixAllowed }
        switch first {
        case .anyDepth:
            let rest = segments.dropFirst()
            if rest.isEmpty { return true }
            var tail = parts
            while true {
                if match(rest, tail, prefixAllowed: prefixAllowed) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        case .literal(let name):
            guard let part = parts.first, part == name else { return false }
            return match(segments.dropFirst(), parts.dropFirst(), prefixAllowed: prefixAllowed)
        case .wildcard(let pattern):
            guard let part = parts.first, fnmatch(pattern, String(part), 0) == 0 else { return false }
            return match(segments.dropFirst(), parts.dropFirst(), prefixAllowed: prefixAllowed)
        }
    }

    private static func checkBrackets(_ pattern: String) throws {
        var open: Character?
        var braces = 0
        var escaped = false
        for character in pattern {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "[" where open == nil: open = "["
            case "]" where open == "[": open = nil
            case "{" where open == nil: braces += 1
            case "}" where open == nil && braces > 0: braces -= 1
            default: break
            }
        }
        if let open { throw Problem.unclosed(open) }
        if braces > 0 { throw Problem.unclosed("{") }
    }

    /// `a/{b,c}/*.{h,m}` becomes four plain patterns.
    private static func expandBraces(_ pattern: String) -> [String] {
        guard let open = pattern.firstIndex(of: "{") else { return [pattern] }
        var depth = 0
        var options: [String] = []
        var current = ""
        var index = pattern.index(after: open)
        while index < pattern.endIndex {
            let character = pattern[index]
            if character == "{" { depth += 1 }
            if character == "}" {
                if depth == 0 { break }
                depth -= 1
            }
            if character == ",", depth == 0 {
                options.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index = pattern.index(after: index)
        }
        options.append(current)
        let prefix = pattern[..<open]
        let suffix = index < pattern.endIndex ? String(pattern[pattern.index(after: index)...]) : ""
        return options.flatMap { expandBraces(prefix + $0 + suffix) }
    }
}
