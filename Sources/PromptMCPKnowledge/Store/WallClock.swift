import Foundation

/// Time as the knowledge layer sees it. TTLs, the circuit breaker and backoff read the clock and
/// sleep through this value, so tests move time forward instead of waiting for it.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (TimeInterval) -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (TimeInterval) -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let system = WallClock(now: { Date() }, sleep: { seconds in
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    })
}
