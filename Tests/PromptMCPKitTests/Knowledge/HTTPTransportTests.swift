import Foundation
import XCTest
@testable import PromptMCPKnowledge

/// libcurl through CCurl against the local stub: what a misbehaving server can make us hold.
final class HTTPTransportTests: XCTestCase {
    func testABodyOverTheCapIsCutAndReportedNotHeld() throws {
        let stub = try Context7Stub()
        try stub.script("/api/v2/context", ["huge:67108864"])
        var transport = HTTPTransport(timeout: 20)
        transport.maxBodyBytes = 1 << 20
        let started = Date()
        let result = transport.get(stub.url.appendingPathComponent("api/v2/context"), headers: [:])
        guard case .failure(.tooLarge(let message)) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(message, "the response is over 1048576 bytes")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the transfer stops at the cap, not at the end of 64 MiB")
        XCTAssertEqual(FetchFailure(.tooLarge(message)), .malformed(message), "never cached, never retried")
    }

    func testABodyUnderTheCapArrivesWhole() throws {
        let stub = try Context7Stub()
        var transport = HTTPTransport(timeout: 20)
        transport.maxBodyBytes = 1 << 20
        let url = stub.url.appendingPathComponent("api/v2/libs/search")
        guard case .success(let response) = transport.get(url, headers: [:]) else { return XCTFail("no answer") }
        XCTAssertEqual(response.status, 200)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: response.body))
    }
}
