import Foundation

/// A regular expression written in the policy, in ICU syntax (`NSRegularExpression`), the engine
/// every policy pattern uses. ICU searches a line about ten times faster than Swift's `Regex` on
/// Linux (0.8 against 8 µs), which matters for a rule that runs once per to-do marker in a large change.
/// The pattern is compiled on first use: ICU's first compile in a process costs about 1 ms, which
/// a hook whose change never needs the pattern should not pay.
public final class PolicyRegex: @unchecked Sendable {
    public let pattern: String
    // Guards `state`. A compiled NSRegularExpression may be shared between threads: each
    // search checks out ICU's matcher or clones it.
    private let lock = NSLock()
    private var state = State.notCompiled

    private enum State {
        case notCompiled, compiled(NSRegularExpression), invalid
    }

    /// Checks the syntax now; the validator calls this so that a bad pattern is a policy error.
    /// ICU says only that a pattern is invalid, not where, so the error points at its syntax.
    public static func validate(_ pattern: String) throws {
        do { _ = try NSRegularExpression(pattern: pattern) } catch { throw SyntaxError() }
    }

    public struct SyntaxError: Error, CustomStringConvertible {
        public var description: String {
            "not valid in ICU's syntax (https://unicode-org.github.io/icu/userguide/strings/regexp.html)"
        }
    }

    /// Builds ICU's shared tables for patterns (about 0.7 ms, once a process) ahead of need, for
    /// a caller that would otherwise wait.
    public static func prepareEngine() {
        _ = try? NSRegularExpression(pattern: #"\d"#)
    }

    public init(_ pattern: String) {
        self.pattern = pattern
    }

    /// Whether the pattern matches anywhere in `text`. A pattern that does not compile matches
    /// nothing (the validator has already reported it).
    public func matches(in text: String) -> Bool {
        guard let regex = regex() else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    private func regex() -> NSRegularExpression? {
        lock.withLock {
            if case .notCompiled = state {
                state = (try? NSRegularExpression(pattern: pattern)).map(State.compiled) ?? .invalid
            }
            if case .compiled(let regex) = state { return regex }
            return nil
        }
    }
}
