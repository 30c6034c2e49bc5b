import Foundation
import PromptMCPKit
import PromptMCPKnowledge

/// What `promptmcp check` does once its arguments are known, apart from how they were parsed:
/// the hooks' command lines reach it without ArgumentParser (HookCommandLine.swift). It only
/// translates them into a `CheckRequest`; the session does the judging.
struct CheckRun: Equatable {
    enum Target: Equatable {
        case staged
        case commitMessage(file: String)
        case commit(String)
        case range(from: String, to: String, skipMerges: Bool, squash: Bool)
        case prePush
    }

    var target: Target
    var destination: ReportDestination

    /// Work a check needs later and that needs no repository, for another thread to do while
    /// the repository opens: ICU's pattern tables (a to-do marker's reference pattern needs
    /// them; 0.7 ms to build).
    static func prepare() {
        PolicyRegex.prepareEngine()
    }

    func run() throws {
        var clock = StageClock()
        let repository = try clock.measure("open") { try Repository.current() }
        let session = CheckSession(repository: repository, caller: caller, knowledge: OfflineKnowledge())
        let outcome = try session.run(try request(), clock: clock)
        try destination.emit(outcome.report, repository: repository)
    }

    /// The request these arguments make. The hooks' stages both learn from git whether the
    /// commit is an amend, so the pre-commit stage judges what the amended commit will hold.
    func request() throws -> CheckRequest {
        switch target {
        case .staged:
            return CheckRequest(.staged(amending: GitInvocation.isAmend()), runsGates: true, learnsLessons: true)
        case .commitMessage(let file):
            return CheckRequest(.commitMessage(try readMessage(file), amending: GitInvocation.isAmend()))
        case .commit(let revision):
            return CheckRequest(.commit(revision), runsGates: true)
        case .range(let from, let to, let skipMerges, let squash):
            return CheckRequest(.range(from: from, to: to, skipMerges: skipMerges, squash: squash))
        case .prePush:
            return CheckRequest(.push(FileHandle.standardInput.readDataToEndOfFile()))
        }
    }

    /// Who asks, for the run record.
    private var caller: String {
        switch target {
        case .staged: return "pre-commit"
        case .commitMessage: return "commit-msg"
        case .commit: return "check --commit"
        case .range: return "check --from"
        case .prePush: return "pre-push"
        }
    }

    private func readMessage(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read the commit message file \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
