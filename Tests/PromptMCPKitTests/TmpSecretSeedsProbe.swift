import XCTest
@testable import PromptMCPKit

final class TmpSecretSeedsProbe: XCTestCase {
    func testManySeeds() throws {
        let policy = try PolicyLoader.load(SecretCorpus.policy, file: "p")
        let rules = try RuleSet(policy: policy)
        var planted = 0, missed: [String] = [], fps: [String] = []
        for seed in UInt64(1)...UInt64(300) {
            let corpus = SecretCorpus(seed: seed)
            var findings: [Finding] = []
            for (path, lines) in corpus.files {
                let file = FileChange.added(path: path, content: Array((lines.joined(separator: "\n") + "\n").utf8))
                let settings = policy.settings(for: path)
                findings += rules.check(file, settings: settings, policy: policy).filter { $0.rule.hasPrefix("secrets/") }
            }
            planted += corpus.planted.count
            for p in corpus.planted where !findings.contains(where: { $0.file == p.path && $0.line == p.line && $0.column == p.column && $0.rule == p.rule }) {
                missed.append("\(seed) \(p.rule) \(p.path):\(p.line) \(corpus.files[p.path]![p.line - 1])")
            }
            for f in findings where !corpus.planted.contains(where: { $0.path == f.file && $0.line == f.line && $0.column == f.column && $0.rule == f.rule }) {
                fps.append("\(seed) \(f.rule) \(f.file ?? ""):\(f.line ?? 0) \(corpus.files[f.file!]![f.line! - 1])")
            }
        }
        print("PROBE planted \(planted) missed \(missed.count) fps \(fps.count)")
        for m in missed.prefix(30) { print("MISS", m) }
        for f in fps.prefix(30) { print("FP", f) }
    }
}
