import ArgumentParser
import Foundation
import PromptMCPKit

/// The output options `check`, `scan` and `test` share, and how a report leaves the process.
struct ReportOptions: ParsableArguments {
    @Option(help: "Output format: text, json, sarif, junit or github.")
    var format: Format = .text

    @Option(help: ArgumentHelp(
        "Write the report to this file (replaced atomically) instead of standard output; only a one-line verdict is printed, on standard error.",
        valueName: "file"))
    var output: String?

    typealias Format = ReportDestination.Format

    var destination: ReportDestination { ReportDestination(format: format, output: output) }

    func validate() throws {
        guard let output else { return }
        guard !output.isEmpty else { throw ValidationError("--output needs a file name.") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("--output \(output) is a folder; give a file name.")
        }
        let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("--output \(output): the folder \(folder) does not exist.")
        }
    }
}

/// Where a report goes and in which format, however the options were parsed.
struct ReportDestination: Equatable {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, junit, github
        var output: OutputFormat { OutputFormat(rawValue: rawValue)! }
    }

    var format: Format = .text
    var output: String?

    /// Renders and writes the report, then exits 1 when it failed.
    func emit(_ report: Report, repository: Repository) throws {
        let context = ReportContext(
            colour: output == nil && Terminal.wantsColour(), toolVersion: PromptMCP.version,
            sourceRoot: repository.workDirectory,
            rulesRun: report.rulesRun
        )
        let rendered = format.output.reporter(context).render(report)
        if let output {
            do {
                try Data(rendered.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw UsageError("cannot write the report to \(output): \(error.localizedDescription)")
            }
            Terminal.err(TextReporter(colour: Terminal.wantsColour(STDERR_FILENO)).verdict(report) + " (report: \(output))")
        } else {
            Terminal.out(rendered)
        }
        if !report.passed { throw ExitCode(Terminal.Status.violations.rawValue) }
    }
}
