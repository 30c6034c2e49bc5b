import XCTest
@testable import PromptMCPKit

/// An agent's Edit is applied as its own tool applies it: exact code units, first match or all.
final class ReplacementTests: XCTestCase {
    private func apply(_ old: String, _ new: String, all: Bool = false, to text: String) -> String? {
        AgentAction.Replacement(old: old, new: new, all: all).applied(to: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    func testTheFirstMatchIsReplaced() {
        XCTAssertEqual(apply("a", "XY", to: "banana"), "bXYnana")
        XCTAssertEqual(apply("ban", "", to: "banana"), "ana")
        XCTAssertEqual(apply("ana", "!", to: "banana"), "b!na")
    }

    func testReplaceAllReplacesEveryMatchWithoutRescanningTheNewText() {
        XCTAssertEqual(apply("a", "aa", all: true, to: "banana"), "baanaanaa")
        XCTAssertEqual(apply("ana", "-", all: true, to: "banana"), "b-na")
    }

    func testAnOldStringThatIsNotThereCannotBeApplied() {
        XCTAssertNil(apply("x", "y", to: "banana"))
        XCTAssertNil(apply("bananas", "y", to: "banana"))
        XCTAssertNil(apply("", "y", to: "banana"), "an empty old_string only creates an empty file")
        XCTAssertEqual(apply("", "new file\n", to: ""), "new file\n")
    }

    func testMatchingIsByCodeUnitsNotUnicodeEquivalence() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        XCTAssertNil(apply(composed, "tea", to: decomposed), "Foundation's range(of:) would match these")
        XCTAssertEqual(apply("\u{E9}", "e", to: "\(composed) \(composed)"), "cafe caf\u{E9}")
    }
}
