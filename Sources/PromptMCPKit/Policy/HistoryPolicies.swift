/// `message:`: rules on commit messages.
public struct MessagePolicy: Sendable {
    public var severity = Located(Severity.error)
    public var subjectMax = Located(72)
    /// A pattern the subject must match (Conventional Commits, say); none by default.
    public var pattern: Located<String>?
    /// A pattern that must appear somewhere in the message (a ticket or issue); none by default.
    public var reference: Located<String>?
}

/// `citations:`: when a change must cite its source, and how a citation is checked.
public struct CitationPolicy: Sendable {
    public enum Verification: String, Sendable { case format, cache }

    public var severity = Located(Severity.error)
    /// Files that need a citation: matching these globs (any file when empty)...
    public var paths: [Located<Glob>] = []
    /// ...adding at least this many lines...
    public var minAddedLines = Located(0)
    /// ...with one of these extensions (any when empty).
    public var fileTypes: [String] = []
    /// Trailer keys (and inline comment keys) that carry a citation.
    public var trailers = Located(["Source"])
    public var verify = Located(Verification.format)
    public var location: SourceLocation?

    public func requiresCitation(path: String, addedLines: Int) -> Bool {
        let components = Glob.components(path)
        return (paths.isEmpty || paths.contains { $0.value.matches(components: components) })
            && addedLines >= max(minAddedLines.value, 1)
            && (fileTypes.isEmpty || fileTypes.contains { path.hasSuffix("." + $0.trimmingPrefix(".")) })
    }
}

/// One `rate_limits:` entry: at most so many commits (or lines) touching these paths per window.
public struct RateLimit: Sendable {
    public enum Scope: String, Sendable { case author, everyone }

    public var paths: [Glob]
    public var maxCommits: Located<Int>?
    public var maxLines: Located<Int>?
    public var windowSeconds: Located<Int>
    public var per: Located<Scope>
    public var severity: Located<Severity>
    public var location: SourceLocation?

    public func matches(_ path: String) -> Bool {
        let components = Glob.components(path)
        return paths.contains { $0.matches(components: components) }
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
