import XCTest
@testable import PromptMCPKit

final class CommitMessageTests: XCTestCase {
    func testSubjectBodyAndTrailersAreSplitAsGitDoes() {
        let message = CommitMessage("""
        feat(crypto): add AES-GCM

        Uses the system library.
        # Please enter the commit message for your changes.

        Source: https://example.com/rfc5116
        Refs: #42
        Signed-off-by: A Person
          <a@example.com>
        """)
        XCTAssertEqual(message.subject, "feat(crypto): add AES-GCM")
        XCTAssertEqual(message.body, "Uses the system library.")
        XCTAssertEqual(message.trailers.map(\.key), ["Source", "Refs", "Signed-off-by"])
        XCTAssertEqual(message.trailers.last?.value, "A Person <a@example.com>", "a folded line continues the value")
        XCTAssertEqual(message.values(forKeys: ["source", "REFS"]), ["https://example.com/rfc5116", "#42"])
    }

    func testALastParagraphWithProseIsNotATrailerBlock() {
        let message = CommitMessage("fix: x\n\nSee the note: it matters.\nMore prose here.\n")
        XCTAssertEqual(message.trailers, [])
        XCTAssertEqual(message.body, "See the note: it matters.\nMore prose here.")
    }

    func testTheSubjectAloneIsNeverTrailers() {
        XCTAssertEqual(CommitMessage("Source: https://example.com\n").trailers, [])
    }

    func testEverythingBelowTheScissorsLineIsDropped() {
        let message = CommitMessage("fix: y\n\nBody.\n# ------------------------ >8 ------------------------\ndiff --git a b\nSource: nope\n")
        XCTAssertEqual(message.body, "Body.")
        XCTAssertEqual(message.trailers, [])
    }

    func testCitationForms() {
        let exists = { (path: String) in path == "docs/crypto.md" }
        XCTAssertEqual(Citation.parse("https://datatracker.ietf.org/doc/html/rfc5116", documentExists: exists), .url("https://datatracker.ietf.org/doc/html/rfc5116"))
        XCTAssertEqual(Citation.parse("context7:/apple/swift-crypto@3.12.3", documentExists: exists), .library(id: "/apple/swift-crypto", version: "3.12.3"))
        XCTAssertEqual(Citation.parse("context7:/apple/swift-crypto", documentExists: exists), .library(id: "/apple/swift-crypto", version: nil))
        XCTAssertEqual(Citation.parse("./docs/crypto.md", documentExists: exists), .document("docs/crypto.md"))
        XCTAssertEqual(Citation.parse("#12", documentExists: exists), .issue("#12"))
        XCTAssertEqual(Citation.parse("PAY-7", documentExists: exists), .issue("PAY-7"))
        XCTAssertEqual(Citation.parse("apple/swift#7", documentExists: exists), .issue("apple/swift#7"))
        for bad in ["trust me", "docs/missing.md", "http://nohost", "context7:swift-crypto", "/etc/passwd", ""] {
            XCTAssertNil(Citation.parse(bad, documentExists: exists), bad)
        }
    }
}
