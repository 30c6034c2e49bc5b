import ArgumentParser
import Foundation
import PromptMCPKit

/// For bench/sandbox_bench.py only (hidden from help): measures inside one process what a
/// timing from outside would drown in promptmcp's own start-up.
struct BenchSandbox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-sandbox",
        abstract: "Measure the sandbox supervisor's overhead and the staged-snapshot preparation (JSON).",
        shouldDisplay: false
    )

    @Option(help: "Runs of each measurement.")
    var runs = 200

    @Option(help: "Runs of the snapshot preparation (needs a repository: the current directory's).")
    var checkoutRuns = 20

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.path
        var figures: [String: [Double]] = try SandboxBenchmark.supervisorOverhead(runs: runs, in: folder)
        if checkoutRuns > 0 {
            let repository = try Repository.current()
            figures.merge(try SandboxBenchmark.snapshotPreparation(runs: checkoutRuns, repository: repository)) { $1 }
        }
        let data = try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])
        Terminal.out(String(decoding: data, as: UTF8.self) + "\n")
    }
}
