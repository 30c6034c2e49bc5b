import Foundation

/// An advisory lock on a file beside a database, held across processes.
///
/// SQLite serialises writers by itself; this lock only guards what SQLite cannot: two processes
/// creating and migrating the same fresh database at the same moment (GRDB reads the applied
/// migrations before it takes the write lock).
struct FileLock {
    let path: String

    func withLock<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        }
        // Closing the descriptor releases the lock, also when the process dies.
        return try body()
    }
}
