import Foundation

/// Why a Context7 request failed, classified for retry and for the circuit breaker.
public enum FetchFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case rateLimited(retryAfter: TimeInterval?)
    case serverError(status: Int)
    /// 4xx other than 429: the request itself is wrong (unknown library, bad key).
    case rejected(status: Int, message: String)
    /// The answer was not the JSON Context7 sends: never cached.
    case malformed(String)
    case timedOut
    case connectionLost(String)
    case unreachable(String)
    /// The circuit breaker is open: no request was sent.
    case circuitOpen(until: Date)
    /// Offline mode (`--offline`, `PROMPTMCP_OFFLINE`): no request was sent.
    case offline

    init(_ transport: TransportFailure) {
        switch transport {
        case .timedOut: self = .timedOut
        case let .connectionLost(reason): self = .connectionLost(reason)
        case let .unreachable(reason): self = .unreachable(reason)
        // Not retried and never cached, like any answer that is not what Context7 sends.
        case let .tooLarge(reason): self = .malformed(reason)
        }
    }

    /// Worth another attempt in a moment. Timeouts are not retried (the user already waited a
    /// whole timeout) and neither is an unreachable network (it will not appear in 250 ms).
    var isRetryable: Bool {
        switch self {
        case .rateLimited, .serverError, .connectionLost: return true
        default: return false
        }
    }

    /// Evidence that the service is unwell. A rejected request is the caller's fault, not the
    /// service's, so it does not open the breaker.
    var countsAgainstService: Bool {
        switch self {
        case .rateLimited, .serverError, .malformed, .timedOut, .connectionLost, .unreachable: return true
        case .rejected, .circuitOpen, .offline: return false
        }
    }

    public var description: String {
        switch self {
        case let .rateLimited(after): return "rate limited by Context7" + (after.map { " (retry after \(Int($0)) s)" } ?? "")
        case let .serverError(status): return "Context7 answered HTTP \(status)"
        case let .rejected(status, message):
            let hint = status == 401 || status == 403 ? " (check CONTEXT7_API_KEY)" : ""
            return "Context7 rejected the request: HTTP \(status)\(message.isEmpty ? "" : ": " + message)\(hint)"
        case let .malformed(reason): return "Context7 sent an answer that could not be read: \(reason)"
        case .timedOut: return "Context7 did not answer in time"
        case let .connectionLost(reason): return "the connection to Context7 failed: \(reason)"
        case let .unreachable(reason): return "Context7 is unreachable: \(reason)"
        case let .circuitOpen(until): return "Context7 is failing; not asking again before \(ISO8601DateFormatter().string(from: until))"
        case .offline: return "offline mode: the network is not used"
        }
    }
}
