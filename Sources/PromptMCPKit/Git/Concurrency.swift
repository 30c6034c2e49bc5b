import Foundation

/// Carries a non-Sendable value through a `@Sendable` closure to the one thread that uses it.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Result slots filled by index from several threads; each index is written by one thread only.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ body: () throws -> T) {
        let result = Result(catching: body)
        lock.withLock { slots[index] = result }
    }

    func values() throws -> [T] {
        try lock.withLock { slots }.map { try $0!.get() }
    }
}

/// Hands out the indices `0..<count`, each once, to whichever thread asks next.
final class WorkQueue: @unchecked Sendable {
    private let count: Int
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

enum Threads {
    /// Runs `body(worker)` for workers `0..<count`, worker 0 on the calling thread, and returns
    /// when all have. Threads of its own rather than Dispatch's `concurrentPerform`, whose second
    /// worker started 2 to 3 ms late in a fresh process: a third of a small hook's reading.
    static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let finished = DispatchSemaphore(value: 0)
        for worker in 1..<count {
            Thread.detachNewThread {
                body(worker)
                finished.signal()
            }
        }
        body(0)
        for _ in 1..<count { finished.wait() }
    }
}
