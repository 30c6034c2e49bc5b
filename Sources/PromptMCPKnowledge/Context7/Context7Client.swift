import Foundation

/// Context7's HTTP API (v2): library search and context for a library and a question.
///
/// The API key comes from `CONTEXT7_API_KEY` only (never the policy file, which is committed)
/// and appears in no error message or log line.
public struct Context7Client: Sendable {
    public static let defaultBaseURL = "https://context7.com"

    public let baseURL: URL
    let apiKey: String?
    let transport: HTTPTransport

    public init(baseURL: URL, apiKey: String?, timeout: TimeInterval) {
        self.baseURL = baseURL
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        transport = HTTPTransport(timeout: timeout)
    }

    /// Reads `CONTEXT7_BASE_URL`, `CONTEXT7_API_KEY` and `PROMPTMCP_DOCS_TIMEOUT` (seconds).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Context7Client? {
        let base = environment["CONTEXT7_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBaseURL
        guard let url = URL(string: base.hasSuffix("/") ? String(base.dropLast()) : base), url.scheme != nil else { return nil }
        let timeout = environment["PROMPTMCP_DOCS_TIMEOUT"].flatMap(TimeInterval.init) ?? 10
        return Context7Client(baseURL: url, apiKey: environment["CONTEXT7_API_KEY"], timeout: timeout)
    }

    /// One search request; returns the raw body (what the cache keeps) and its decoded form.
    func searchLibraries(name: String, query: String, now: Date) -> Result<(Data, [LibraryInfo]), FetchFailure> {
        get("/api/v2/libs/search", ["libraryName": name, "query": query.isEmpty ? name : query], now: now).flatMap { body in
            decode(LibrarySearchResponse.self, body).map { (body, $0.results) }
        }
    }

    /// One context request, `type=json`.
    func context(libraryID: String, query: String, now: Date) -> Result<(Data, [DocSnippet]), FetchFailure> {
        get("/api/v2/context", ["libraryId": libraryID, "query": query, "type": "json"], now: now).flatMap { body in
            decode(ContextResponse.self, body).map { (body, $0.snippets) }
        }
    }

    private func get(_ path: String, _ parameters: [String: String], now: Date) -> Result<Data, FetchFailure> {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        components.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        var headers = ["Accept": "application/json", "User-Agent": "promptmcp"]
        if let apiKey { headers["Authorization"] = "Bearer " + apiKey }
        switch transport.get(components.url!, headers: headers) {
        case let .failure(failure):
            return .failure(FetchFailure(failure))
        case let .success(response):
            switch response.status {
            case 200..<300: return .success(response.body)
            case 429: return .failure(.rateLimited(retryAfter: RetryPolicy.parseRetryAfter(response.headers["retry-after"], now: now)))
            case 500...: return .failure(.serverError(status: response.status))
            default:
                let message = String(decoding: response.body.prefix(200), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                return .failure(.rejected(status: response.status, message: message))
            }
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: Data) -> Result<T, FetchFailure> {
        do {
            return .success(try JSONDecoder().decode(type, from: body))
        } catch {
            return .failure(.malformed("\(body.count) bytes that are not the expected JSON"))
        }
    }
}
