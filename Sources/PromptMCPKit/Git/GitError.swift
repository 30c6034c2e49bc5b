import CGit2

/// Failures reading the repository. Each maps to exit status 3 at the command line.
public enum GitError: Error, Equatable, CustomStringConvertible {
    case notARepository(path: String)
    case bareRepository(path: String)
    case unknownRevision(String)
    /// The base of a range is missing from a shallow clone: more history must be fetched.
    case missingFromShallowClone(String)
    case libgit2(operation: String, message: String)

    public var description: String {
        switch self {
        case .notARepository(let path):
            return "not a git repository (or any parent up to /): \(path)"
        case .bareRepository(let path):
            return "\(path) is a bare repository: there is no index or work tree to judge; run promptmcp in a clone or a worktree"
        case .unknownRevision(let rev):
            return "unknown revision '\(rev)'"
        case .missingFromShallowClone(let rev):
            return "'\(rev)' is not in this shallow clone; fetch more history (git fetch --deepen=100, or fetch-depth: 0 in actions/checkout) and run again"
        case .libgit2(let operation, let message):
            return "\(operation) failed: \(message)"
        }
    }

    /// The last libgit2 error, tagged with what we were doing.
    static func last(_ operation: String) -> GitError {
        let message = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
        return .libgit2(operation: operation, message: message)
    }
}

/// Runs a libgit2 call and turns a negative result into a thrown `GitError`.
@discardableResult
func check(_ operation: @autoclosure () -> String, _ result: Int32) throws -> Int32 {
    if result < 0 { throw GitError.last(operation()) }
    return result
}
