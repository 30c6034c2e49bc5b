import XCTest
@testable import PromptMCPKit

/// The policy's scalar notations: durations, sizes and rates.
final class NotationTests: XCTestCase {
    func testDurations() {
        XCTAssertEqual(Notation.seconds("90s"), 90)
        XCTAssertEqual(Notation.seconds("15m"), 900)
        XCTAssertEqual(Notation.seconds(" 24h "), 86_400)
        XCTAssertEqual(Notation.seconds("7d"), 604_800)
        XCTAssertEqual(Notation.seconds("2w"), 1_209_600)
        XCTAssertEqual(Notation.seconds("30"), 30)
        for text in ["", "h", "-5m", "1.5h", "3 weeks", "١٢h"] {
            XCTAssertNil(Notation.seconds(text), text)
        }
    }

    func testSizes() {
        XCTAssertEqual(Notation.bytes("512"), 512)
        XCTAssertEqual(Notation.bytes("64KiB"), 65_536)
        XCTAssertEqual(Notation.bytes("1MiB"), 1_048_576)
        XCTAssertEqual(Notation.bytes("1 MB"), 1_000_000)
        XCTAssertEqual(Notation.bytes("\t4GiB"), 4_294_967_296)
        XCTAssertNil(Notation.bytes("1.5MB"))
        XCTAssertNil(Notation.bytes("1mb"))
        XCTAssertNil(Notation.bytes("9223372036854775807GiB"), "overflow")
    }

    func testRates() {
        XCTAssertEqual(Notation.rate("60/min")?.count, 60)
        XCTAssertEqual(Notation.rate("60/min")?.perSeconds, 60)
        XCTAssertEqual(Notation.rate(" 5 / s ")?.perSeconds, 1)
        XCTAssertEqual(Notation.rate("10000/d")?.perSeconds, 86_400)
        XCTAssertNil(Notation.rate("0/min"))
        XCTAssertNil(Notation.rate("10/week"))
        XCTAssertNil(Notation.rate("10"))
    }
}
