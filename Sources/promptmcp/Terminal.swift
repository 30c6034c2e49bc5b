import ArgumentParser
import Foundation
import PromptMCPKit

/// The command line's edge: where output goes, whether it is coloured, and how errors become
/// exit statuses. The library never prints; this file and the commands do.
enum Terminal {
    enum Status: Int32 {
        case passed = 0, violations = 1, usage = 2, internalError = 3
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static func wantsColour(_ handle: Int32 = STDOUT_FILENO) -> Bool {
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return !noColour && isatty(handle) == 1
    }

    /// Prints what went wrong and exits with our status for it.
    static func exit(for error: Error, message: (Error) -> String, exitCode: (Error) -> ExitCode) -> Never {
        let status: Int32
        switch error {
        case let error as PolicyError:
            err(error.description)
            status = Status.usage.rawValue
        case let error as GitError:
            err("promptmcp: \(error)")
            status = Status.internalError.rawValue
        case let error as HookInstaller.Failure:
            err("promptmcp: \(error)")
            status = Status.internalError.rawValue
        case let error as UsageError:
            err("promptmcp: \(error.message)")
            status = Status.usage.rawValue
        case let error as ExitCode:
            status = error.rawValue
        default:
            let code = exitCode(error)
            let text = message(error)
            if !text.isEmpty { code == .success ? out(text + "\n") : err(text) }
            // ArgumentParser reports usage errors as EX_USAGE (64); ours is 2.
            status = code == .success ? 0 : code == .validationFailure ? Status.usage.rawValue : Status.internalError.rawValue
        }
        Foundation.exit(status)
    }
}

/// A mistake in how the command was called, found after parsing: exit status 2, no usage dump.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Repository {
    /// The repository around the current directory, honouring git's hook variables.
    static func current() throws -> Repository { try discover() }
}
