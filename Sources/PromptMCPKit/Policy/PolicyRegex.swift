import Foundation

/// A regular expression written in the policy, in ICU syntax (`NSRegularExpression`), the engine
/// every policy pattern uses. ICU searches a line about ten times faster than Swift's `Regex` on
/// Linux (0.8 against 8 µs), which matters for a rule that runs once per to-do marker in a large change.
///
/// A pattern from a policy file is compiled when the policy's rules are configured, and one that
/// does not compile is a policy error at its place (exit 2), never a pattern that matches nothing.
/// A built-in default is compiled on first use instead: ICU's first compile in a process costs
/// about 1 ms, which a hook whose change never needs the pattern should not pay; the tests
/// compile every built-in one.
public final class PolicyRegex: @unchecked Sendable {
    public let pattern: String
    // Guards `compiled` for a built-in pattern's first use. A compiled NSRegularExpression may be
    // shared between threads: each search checks out ICU's matcher or clones it.
    private let lock = NSLock()
    private var compiled: NSRegularExpression?

    public struct SyntaxError: Error, CustomStringConvertible {
        public var description: String {
            "not valid in ICU's syntax (https://unicode-org.github.io/icu/userguide/strings/regexp.html)"
        }
    }

    /// Compiles a pattern from the policy now. ICU says only that a pattern is invalid, not
    /// where, so the error points at its syntax.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        do { compiled = try NSRegularExpression(pattern: pattern) } catch { throw SyntaxError() }
    }

    /// A pattern set at `located`'s place in the policy; one that does not compile is an error there.
    public static func compile(_ located: Located<String>, key: String) throws -> PolicyRegex {
        do { return try PolicyRegex(located.value) } catch {
            throw PolicyError(diagnostics: [PolicyDiagnostic(
                location: located.location ?? SourceLocation(file: PolicyLoader.path, line: 1, column: 1), level: .error,
                message: "'\(key)': bad regular expression '\(located.value)': \(error)")])
        }
    }

    /// A pattern of promptmcp's own (a rule's default option), compiled on first use.
    public init(builtIn pattern: String) {
        self.pattern = pattern
    }

    /// Builds ICU's shared tables for patterns (about 0.7 ms, once a process) ahead of need, for
    /// a caller that would otherwise wait.
    public static func prepareEngine() {
        _ = try? NSRegularExpression(pattern: #"\d"#)
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(in text: String) -> Bool {
        regex().firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The first match in `text`, and its first capture group when the pattern has one.
    public func firstMatch(in text: String) -> (whole: Range<String.Index>, group: Range<String.Index>?)? {
        guard let match = regex().firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let whole = Range(match.range, in: text) else { return nil }
        let group = match.numberOfRanges > 1 ? Range(match.range(at: 1), in: text) : nil
        return (whole, group)
    }

    private func regex() -> NSRegularExpression {
        lock.withLock {
            if let compiled { return compiled }
            // Only a built-in pattern gets here; PolicyRegexTests compiles each one.
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                preconditionFailure("promptmcp's built-in pattern \(pattern) does not compile")
            }
            compiled = regex
            return regex
        }
    }
}
