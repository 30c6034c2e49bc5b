import Foundation

/// Exponential backoff with jitter that honours `Retry-After`.
public struct RetryPolicy: Sendable {
    public var maxAttempts = 3
    public var baseDelay: TimeInterval = 0.25
    public var maxDelay: TimeInterval = 4
    /// A `Retry-After` longer than this is not waited for: the lookup falls back to the cache at
    /// once and the breaker keeps every process away until that time instead.
    public var maxRetryAfter: TimeInterval = 5
    /// Returns a value in 0..<1; injected so tests get exact delays.
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    public init() {}

    /// How long to wait before attempt `attempt + 1` (attempts count from 1), or nil to stop.
    func delay(after attempt: Int, failure: FetchFailure) -> TimeInterval? {
        guard failure.isRetryable, attempt < maxAttempts else { return nil }
        // "Equal jitter": half the exponential step is fixed, half random, so retries from many
        // clients spread out yet never come back immediately.
        let step = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        let backoff = step / 2 + random() * step / 2
        if case let .rateLimited(retryAfter?) = failure {
            return retryAfter <= maxRetryAfter ? max(retryAfter, backoff) : nil
        }
        return backoff
    }

    /// `Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3).
    static func parseRetryAfter(_ value: String?, now: Date) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSince(now)) }
    }
}
