import Foundation
import XCTest
@testable import PromptMCPKit

final class JSONTextTests: XCTestCase {
    func testOutputParsesBackToTheSameValues() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} café 🔑 </script>"
        let value: JSONValue = [
            "text": .string(text),
            "flag": true, "zero": 0, "count": 42, "ratio": 0.25, "none": nil,
            "list": [1, "two", false], "empty": [], "nested": ["a": ["b": 1]],
        ]
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(JSONText.render(value).utf8)) as? [String: Any])
        XCTAssertEqual(parsed["text"] as? String, text)
        XCTAssertEqual(parsed["flag"] as? Bool, true)
        XCTAssertEqual(parsed["zero"] as? Int, 0)
        XCTAssertEqual(parsed["ratio"] as? Double, 0.25)
        XCTAssertTrue(parsed["none"] is NSNull)
        XCTAssertEqual((parsed["list"] as? [Any])?.count, 3)
        XCTAssertEqual(((parsed["nested"] as? [String: Any])?["a"] as? [String: Int])?["b"], 1)
    }

    func testControlCharactersAreEscapedAndKeysSorted() {
        XCTAssertEqual(JSONText.render(["b": "\u{01}", "a": 1]), "{\n  \"a\" : 1,\n  \"b\" : \"\\u0001\"\n}\n")
    }

    func testEscapesAreShortWhereJSONHasThemAndOtherTextIsVerbatim() {
        XCTAssertEqual(JSONText.render("\" \\ \n \r \t \u{08} \u{0C} \u{1F} / é 🔑 \u{7F}"),
                       "\"\\\" \\\\ \\n \\r \\t \\u0008 \\u000c \\u001f / é 🔑 \u{7F}\"\n")
    }

    func testNumbersAsSwiftPrintsThemAndNonFiniteAsNull() {
        let numbers: JSONValue = [-7, 0.1, 2.0, 1e21, -0.5, .double(.nan), .double(.infinity), .int(Int.max)]
        XCTAssertEqual(JSONText.render(numbers),
                       "[\n  -7,\n  0.1,\n  2.0,\n  1e+21,\n  -0.5,\n  null,\n  null,\n  9223372036854775807\n]\n")
    }

    func testEmptyContainersNestingAndOptionals() {
        let value: JSONValue = ["a": [[:], []], "b": JSONValue(nil as String?), "c": JSONValue(3 as Int?), "d": JSONValue(["x"])]
        XCTAssertEqual(JSONText.render(value), """
            {
              "a" : [
                {},
                []
              ],
              "b" : null,
              "c" : 3,
              "d" : [
                "x"
              ]
            }

            """)
    }
}
