import Foundation
import XCTest
@testable import PromptMCPKit

/// The secret rules against a seeded corpus, through the real pipeline (a staged change in a
/// real repository): every planted secret found at its place, no trap flagged, nothing shown.
final class SecretCorpusTests: XCTestCase {
    func testEveryPlantedSecretIsFoundAndNoTrapIsFlagged() throws {
        let corpus = SecretCorpus(seed: 0x5EC2_E75C_0A11)
        let findings = try judge(corpus)

        func place(_ rule: String, _ path: String?, _ line: Int?, _ column: Int?) -> String {
            "\(path ?? "-"):\(line ?? 0):\(column ?? 0) [\(rule)]"
        }
        let expected = Set(corpus.planted.map { place($0.rule, $0.path, $0.line, $0.column) })
        let reported = findings.map { place($0.rule, $0.file, $0.line, $0.column) }
        let missed = corpus.planted.filter { !reported.contains(place($0.rule, $0.path, $0.line, $0.column)) }
        let unexpected = findings.filter { !expected.contains(place($0.rule, $0.file, $0.line, $0.column)) }
        let flaggedTraps = corpus.traps.filter { trap in unexpected.contains { $0.file == trap.path && $0.line == trap.line } }

        print("secret corpus: planted \(corpus.planted.count), found \(corpus.planted.count - missed.count), "
              + "traps \(corpus.traps.count), flagged \(flaggedTraps.count), other findings \(unexpected.count - flaggedTraps.count)")
        let byRule = Dictionary(grouping: corpus.planted, by: \.rule).mapValues(\.count).sorted { $0.key < $1.key }
        print("secret corpus: planted per rule: " + byRule.map { "\($0.key.dropFirst(8))=\($0.value)" }.joined(separator: ", "))

        XCTAssertEqual(missed.map { "\(place($0.rule, $0.path, $0.line, $0.column)) \(Self.show($0.value))" }, [], "planted secrets not found")
        XCTAssertEqual(unexpected.map { "\(place($0.rule, $0.file, $0.line, $0.column)) \($0.message)" }, [], "findings that are not planted secrets")
        XCTAssertEqual(flaggedTraps.map { "\($0.kind): \($0.text)" }, [], "traps flagged")
        XCTAssertEqual(findings.count, corpus.planted.count, "one finding per planted secret")
        // The figures docs/secrets.md quotes: recall 254/254 over 162 rules, 0 of 485 traps flagged.
        XCTAssertEqual(corpus.planted.count, 254)
        XCTAssertEqual(corpus.traps.count, 485)
        XCTAssertEqual(Set(corpus.planted.map(\.rule)).count, 162, "rules planted")
        XCTAssertGreaterThanOrEqual(Set(corpus.planted.map(\.rule)).count, 100)
    }

    func testNoFindingShowsTheSecretItReports() throws {
        let corpus = SecretCorpus(seed: 0x5EC2_E75C_0A11)
        let findings = try judge(corpus)
        XCTAssertFalse(findings.isEmpty)
        for planted in corpus.planted {
            guard let finding = findings.first(where: { $0.file == planted.path && $0.line == planted.line }) else { continue }
            let shown = finding.message + " " + (finding.hint ?? "")
            XCTAssertFalse(shown.contains(planted.value), "\(finding.rule) shows its secret: \(finding.message)")
            // Nothing past the public prefix the message shows (`ghp_…(40 chars)`): no 6 characters of the rest.
            let visible = finding.message.components(separatedBy: ": ").last?.components(separatedBy: "\u{2026}").first ?? ""
            XCTAssertTrue(visible.isEmpty || planted.value.hasPrefix(visible), "\(finding.rule) shows '\(visible)'")
            let secret = Array(planted.value)
            for start in 0..<max(0, secret.count - 5) where start + 6 > visible.count {
                let window = String(secret[start..<start + 6])
                XCTAssertFalse(shown.contains(window), "\(finding.rule) shows part of its secret (\(window)): \(finding.message)")
            }
            XCTAssertNotEqual(finding.fingerprint, "", "the fingerprint identifies the secret without holding it")
            XCTAssertFalse(finding.fingerprint.contains(planted.value))
        }
    }

    // MARK: - Helpers

    /// For bench/secrets_bench.py: with PROMPTMCP_SECRET_CORPUS_DIR set, writes the corpus there
    /// (its files, its policy, and labels.json naming each planted secret and each trap), so that
    /// other scanners are judged on the same input.
    func testTheCorpusCanBeWrittenForTheBenchmark() throws {
        guard let folder = ProcessInfo.processInfo.environment["PROMPTMCP_SECRET_CORPUS_DIR"] else { return }
        let corpus = SecretCorpus(seed: 0x5EC2_E75C_0A11)
        let root = URL(fileURLWithPath: folder)
        for (path, lines) in corpus.files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".promptmcp"), withIntermediateDirectories: true)
        try Data(SecretCorpus.policy.utf8).write(to: root.appendingPathComponent(".promptmcp/policy.yml"))
        let labels: [String: Any] = [
            "planted": corpus.planted.map { ["rule": $0.rule, "path": $0.path, "line": $0.line] as [String: Any] },
            "traps": corpus.traps.map { ["kind": $0.kind, "path": $0.path, "line": $0.line] as [String: Any] },
        ]
        try JSONSerialization.data(withJSONObject: labels, options: [.sortedKeys]).write(to: root.appendingPathComponent("labels.json"))
    }

    private func judge(_ corpus: SecretCorpus) throws -> [Finding] {
        let repo = try GitRepo()
        for (path, lines) in corpus.files {
            try repo.write(path, lines.joined(separator: "\n") + "\n")
        }
        try repo.git("add", "-A")
        let policy = try PolicyLoader.load(SecretCorpus.policy, file: "corpus policy")
        let report = try repo.check(policy: policy)
        return report.findings.filter { $0.rule.hasPrefix("secrets/") }
    }

    private static func show(_ value: String) -> String { String(value.prefix(12)) + "..." }
}
