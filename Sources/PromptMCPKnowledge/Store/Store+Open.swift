import Foundation

extension Store {
    /// The user's documentation cache.
    public static func openCache(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Store {
        try open(at: StorePaths.cacheDatabase(environment: environment), migrator: CacheSchema.migrator)
    }

    /// The clone's state store (`Repository.commonDirectory` + `promptmcp/state.sqlite`).
    public static func openState(commonGitDirectory: String) throws -> Store {
        try open(at: StorePaths.stateDatabase(commonGitDirectory: commonGitDirectory), migrator: StateSchema.migrator)
    }
}
