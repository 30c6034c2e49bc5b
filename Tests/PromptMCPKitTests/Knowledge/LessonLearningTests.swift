import Foundation
import XCTest
@testable import PromptMCPKit

/// Lessons learned by the hook: an error that a later passing check no longer has.
final class LessonLearningTests: XCTestCase {
    func testAFixedErrorBecomesALessonAndTheSameMistakeCountsAgain() throws {
        let repo = try GitRepo()
        try repo.stage(".promptmcp/policy.yml", "version: 1\ncaps: { max_lines_per_file: 3, severity: error }\n")
        try repo.commit()
        for round in 1...2 {
            try repo.stage("Sources/big\(round).swift", (1...9).map { "let v\($0) = \($0)\n" }.joined())
            XCTAssertEqual(try repo.promptmcp("check").status, 1)
            try repo.git("rm", "-q", "--cached", "Sources/big\(round).swift")
            let passed = try repo.promptmcp("check")
            XCTAssertEqual(passed.status, 0)
            XCTAssertTrue(passed.stdout.contains("lesson learned: caps/max-lines-per-file in Sources/*.swift"), passed.stdout)
        }
        let list = try repo.promptmcp("lessons", "list")
        XCTAssertEqual(list.stdout.components(separatedBy: "caps/max-lines-per-file in Sources/*.swift").count - 1, 1,
                       "one lesson, counted twice: \(list.stdout)")
        XCTAssertEqual(try repo.promptmcp("check").stdout.contains("lesson learned"), false, "nothing pending any more")
    }
}
