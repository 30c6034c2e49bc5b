import CCurl
import Foundation

/// What came back from one HTTP request.
struct HTTPResponse: Sendable {
    var status: Int
    /// Header names lowercased; of several responses (redirects), the last one's.
    var headers: [String: String]
    var body: Data
}

/// Why a request got no HTTP answer at all.
enum TransportFailure: Error, Equatable, Sendable {
    case timedOut
    /// The server closed the connection or sent something that is not HTTP.
    case connectionLost(String)
    /// Nothing is listening, no route, no DNS, no libcurl: the network is not there.
    case unreachable(String)
    /// The body went over `HTTPTransport.maxBodyBytes`; the transfer was cut there.
    case tooLarge(String)
}

/// A synchronous GET with a hard deadline, through libcurl loaded on first use (see ccurl.h for
/// why not URLSession: FoundationNetworking would slow every `promptmcp check` by ~9 ms).
struct HTTPTransport: Sendable {
    let timeout: TimeInterval
    /// A body is held in memory whole: a server (or something posing as one) must not be able
    /// to make it grow without bound. Context7's largest answers are a few hundred KiB.
    var maxBodyBytes = 16 << 20

    func get(_ url: URL, headers: [String: String]) -> Result<HTTPResponse, TransportFailure> {
        let lines = headers.map { "\($0.key): \($0.value)" }
        var response = promptmcp_http_response()
        let outcome = withCStrings(lines) { pointers in
            promptmcp_http_get(url.absoluteString, pointers, Int32(lines.count), Int(min(timeout, 86_400) * 1000), maxBodyBytes, &response)
        }
        defer { promptmcp_http_free(&response) }
        let message = withUnsafeBytes(of: response.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        switch UInt32(outcome) {
        case PROMPTMCP_HTTP_OK.rawValue:
            let body = response.body.map { Data(bytes: $0, count: response.body_length) } ?? Data()
            let head = response.headers.map { String(decoding: Data(bytes: $0, count: response.headers_length), as: UTF8.self) } ?? ""
            return .success(HTTPResponse(status: response.status, headers: Self.lastHeaders(head), body: body))
        case PROMPTMCP_HTTP_TIMED_OUT.rawValue: return .failure(.timedOut)
        case PROMPTMCP_HTTP_TOO_LARGE.rawValue: return .failure(.tooLarge(message))
        case PROMPTMCP_HTTP_UNREACHABLE.rawValue, PROMPTMCP_HTTP_NO_LIBCURL.rawValue: return .failure(.unreachable(message))
        default: return .failure(.connectionLost(message))
        }
    }

    /// The header block of the final response (after redirects, each block starts with a status line).
    static func lastHeaders(_ raw: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in raw.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") { headers = [:]; continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
