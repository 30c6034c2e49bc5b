import Foundation
import PromptMCPKit
import PromptMCPKnowledge

/// The repository the server was started in, and what its calls share.
///
/// libgit2 handles are not thread-safe and calls run concurrently, so each call opens its own
/// `Repository` (well under a millisecond). The state store is opened once, on the first call
/// that needs it, so that `tools/list` answers without touching SQLite; the documentation cache
/// only when the user has one (nothing is created for a lookup).
final class Workspace: @unchecked Sendable {
    let workDirectory: String
    let commonDirectory: String
    let paths: PathConfinement
    let environment: [String: String]
    let clock: WallClock
    private let lock = NSLock()
    private var state: Result<Store, Error>?
    private var docs: Result<Store, Error>??

    init(repository: Repository, environment: [String: String] = ProcessInfo.processInfo.environment, clock: WallClock = .system) {
        workDirectory = repository.workDirectory
        commonDirectory = repository.commonDirectory
        paths = PathConfinement(workDirectory: repository.workDirectory)
        self.environment = environment
        self.clock = clock
    }

    /// A fresh handle for one call. Git's variables (`GIT_DIR`, `GIT_INDEX_FILE`) are ignored:
    /// the server judges the repository it was started in.
    func repository() throws -> Repository {
        try Repository.discover(from: workDirectory, environment: [:])
    }

    /// The clone's state store: audit log, rate limits, todos, lessons, the repo-docs index.
    func stateStore() throws -> Store {
        lock.lock()
        defer { lock.unlock() }
        if state == nil { state = Result { try Store.openState(commonGitDirectory: commonDirectory) } }
        return try state!.get()
    }

    /// The user's documentation cache, or nil when there is none yet (or it cannot be opened).
    func docsStore() -> Store? {
        try? docsStoreResult()?.get()
    }

    /// The cache, or why it cannot be opened; nil when there is none yet.
    func docsStoreResult() -> Result<Store, Error>? {
        lock.lock()
        defer { lock.unlock() }
        if docs == nil {
            let path = StorePaths.cacheDatabase(environment: environment)
            docs = FileManager.default.fileExists(atPath: path) ? Result { try Store.openCache(environment: environment) } : nil
        }
        return docs!
    }

    var auditLog: AuditLog {
        get throws { AuditLog(store: try stateStore(), clock: clock) }
    }
}
