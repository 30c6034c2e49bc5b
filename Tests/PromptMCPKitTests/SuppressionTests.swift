import XCTest
@testable import PromptMCPKit

/// Inline `promptmcp:allow` comments and the baseline.
final class SuppressionTests: XCTestCase {
    private func finding(_ rule: String, line: Int?, text: String = "") -> Finding {
        Finding(rule: rule, severity: .error, file: "a.swift", line: line, message: "m", fingerprintText: text)
    }

    private func apply(_ findings: [Finding], _ content: String) -> (kept: [Finding], suppressed: Int) {
        InlineSuppression.apply(findings, in: FileChange.added(path: "a.swift", content: Array(content.utf8)))
    }

    func testAnAllowOnTheLineOrTheLineAboveSuppressesThatRuleOnly() {
        let content = """
        let a = 1 // promptmcp:allow quality/line-length generated table
        // promptmcp:allow secrets/* fixture key, revoked
        let key = "x"
        let b = 2

        """
        let result = apply([
            finding("quality/line-length", line: 1),
            finding("secrets/aws-access-key", line: 3),
            finding("quality/line-length", line: 3),
            finding("secrets/aws-access-key", line: 4),
        ], content)
        XCTAssertEqual(result.suppressed, 2)
        XCTAssertEqual(result.kept.map { "\($0.rule)@\($0.line!)" }, ["quality/line-length@3", "secrets/aws-access-key@4"])
    }

    func testAnAllowWithoutAReasonIsNotAppliedAndSaysWhy() {
        let result = apply([finding("quality/debug-leftover", line: 1)], "print(x) // promptmcp:allow quality/debug-leftover\n")
        XCTAssertEqual(result.suppressed, 0)
        XCTAssertEqual(result.kept.first?.hint, "promptmcp:allow quality/debug-leftover needs a reason after the rule id, so it was not applied")
    }

    func testCommentClosersAreNotAReason() {
        XCTAssertEqual(InlineSuppression.parse(ArraySlice("/* promptmcp:allow quality/x */".utf8)),
                       [.init(rule: "quality/x", reason: "")])
        XCTAssertEqual(InlineSuppression.parse(ArraySlice("<!-- promptmcp:allow quality/x legacy page -->".utf8)),
                       [.init(rule: "quality/x", reason: "legacy page")])
    }

    func testWholeFileFindingsAreNotSuppressedInline() {
        let result = apply([finding("quality/forbidden-files", line: nil)], "# promptmcp:allow quality/forbidden-files because\n")
        XCTAssertEqual(result.suppressed, 0)
    }

    func testTheBaselineKeepsOnlyNewFindingsAndSurvivesLineMoves() throws {
        let old = finding("quality/todo-without-reference", line: 10, text: "// TODO fix")
        let baseline = try Baseline.decode(Array(Baseline(findings: [old]).encoded()))
        let moved = finding("quality/todo-without-reference", line: 42, text: "// TODO fix")
        let new = finding("quality/todo-without-reference", line: 43, text: "// TODO other")
        let (kept, baselined) = baseline.filter([moved, new])
        XCTAssertEqual(kept, [new])
        XCTAssertEqual(baselined, 1)
    }

    func testABrokenBaselineIsAnErrorNotAnEmptyBaseline() {
        XCTAssertThrowsError(try Baseline.decode(Array("{\"version\": 1".utf8))) { error in
            XCTAssertTrue("\(error)".contains(".promptmcp/baseline.json:1:1: error: cannot read the baseline"), "\(error)")
        }
    }

    func testATreeScanJudgesTheContentOfEveryFileOfHeadOrOfTheWorkTree() throws {
        let repo = try GitRepo()
        try repo.stage("big.txt", (1...30).map { "\($0)\n" }.joined() + "<<<<<<< HEAD\n")
        try repo.stage("small.txt", "1\n")
        try repo.commit()
        try repo.write("untracked.txt", (1...40).map { "\($0)\n" }.joined() + "<<<<<<< HEAD\n")
        try repo.write(".gitignore", "ignored.txt\n")
        try repo.write("ignored.txt", (1...40).map { "\($0)\n" }.joined() + "<<<<<<< HEAD\n")
        // Caps are about changes: a scan leaves them out, however small they are.
        let policy = try PolicyLoader.load("version: 1\ncaps: { max_lines_per_file: 20, max_files: 1, severity: error }", file: "p")

        let head = try repo.check(.tree(workTree: false), policy: policy)
        XCTAssertEqual(head.fileCount, 2)
        XCTAssertEqual(head.findings.map { "\($0.rule) \($0.file ?? "")" }, ["quality/conflict-marker big.txt"])

        let workTree = try repo.check(.tree(workTree: true), policy: policy)
        XCTAssertEqual(workTree.findings.compactMap(\.file).sorted(), ["big.txt", "untracked.txt"], "ignored files are left out")
        XCTAssertFalse(workTree.rulesRun.contains { $0.hasPrefix("caps/") })
    }
}
