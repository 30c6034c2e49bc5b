import Foundation

/// What can go wrong with a knowledge store, said so that a user can act on it.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case corrupt(path: String, details: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open the knowledge store \(path): \(reason)"
        case let .corrupt(path, details):
            return "the knowledge store \(path) is damaged (\(details)); delete it and it will be rebuilt"
        }
    }
}
