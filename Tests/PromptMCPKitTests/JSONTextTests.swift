import Foundation
import XCTest
@testable import PromptMCPKit

final class JSONTextTests: XCTestCase {
    func testOutputParsesBackToTheSameValues() throws {
        let value: [String: Any] = [
            "text": "quote \" backslash \\ newline \n tab \t bell \u{07} café 🔑 </script>",
            "flag": true, "zero": 0, "count": 42, "ratio": 0.25, "none": NSNull(),
            "list": [1, "two", false] as [Any], "empty": [Any](), "nested": ["a": ["b": 1]],
        ]
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(JSONText.render(value).utf8)) as? [String: Any])
        XCTAssertEqual(parsed["text"] as? String, value["text"] as? String)
        XCTAssertEqual(parsed["flag"] as? Bool, true)
        XCTAssertEqual(parsed["zero"] as? Int, 0)
        XCTAssertEqual(parsed["ratio"] as? Double, 0.25)
        XCTAssertTrue(parsed["none"] is NSNull)
        XCTAssertEqual((parsed["list"] as? [Any])?.count, 3)
        XCTAssertEqual(((parsed["nested"] as? [String: Any])?["a"] as? [String: Int])?["b"], 1)
    }

    func testControlCharactersAreEscapedAndKeysSorted() {
        XCTAssertEqual(JSONText.render(["b": "\u{01}", "a": 1] as [String: Any]), "{\n  \"a\" : 1,\n  \"b\" : \"\\u0001\"\n}\n")
    }
}
