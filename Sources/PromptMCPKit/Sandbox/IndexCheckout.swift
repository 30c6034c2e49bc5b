import CGit2
import Foundation

/// Writes a snapshot of the repository into a folder that is not its work tree: the index
/// (what `git commit` would record) or a commit's tree. The user's index and work tree are
/// left alone, so unstaged edits neither help nor break what runs on the snapshot.
public enum IndexCheckout {
    public enum Source: Sendable, Equatable {
        /// The index: the staged snapshot (`GIT_INDEX_FILE` honoured, as for the change itself).
        case index
        /// A commit's tree, for `check --commit`.
        case commit(ObjectID)
    }

    /// Writes every file of `source` into `folder` (which should be empty). Submodules are
    /// not checked out; filters are libgit2's built-in ones (line endings, ident), so an LFS
    /// file stays a pointer.
    public static func write(_ source: Source, of repository: Repository, to folder: String) throws {
        var options = git_checkout_options()
        try check("preparing a checkout", git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)))
        // FORCE writes every file (the folder holds nothing of the user's); DONT_UPDATE_INDEX
        // keeps the stat data of files written elsewhere out of the user's index.
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue
        try folder.withCString { path in
            options.target_directory = path
            switch source {
            case .index:
                let index = try repository.index()
                defer { git_index_free(index) }
                try check("checking out the index into \(folder)", git_checkout_index(repository.pointer, index, &options))
            case .commit(let id):
                let tree = try repository.tree(of: id)
                defer { git_tree_free(tree) }
                try check("checking out commit \(id.short) into \(folder)", git_checkout_tree(repository.pointer, tree, &options))
            }
        }
    }
}
