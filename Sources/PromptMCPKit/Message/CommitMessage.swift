/// A commit message as git will record it: comments and the scissors section removed, split
/// into subject, body and trailers the way `git interpret-trailers` reads them.
public struct CommitMessage: Sendable, Equatable {
    public struct Trailer: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    public var subject: String
    public var body: String
    public var trailers: [Trailer]
    /// The cleaned text, for rules that search the whole message.
    public var text: String

    /// Parses raw message text. `commentChar` lines are dropped, as `git commit` does with the
    /// default cleanup, and so is everything below the `>8` scissors line of `commit -v`.
    public init(_ raw: String, commentChar: Character = "#") {
        var lines: [Substring] = []
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\(commentChar) ") && line.contains(">8") { break }
            if line.first == commentChar { continue }
            lines.append(line.last == "\r" ? line.dropLast() : line)
        }
        let paragraphs = Self.paragraphs(lines)
        subject = paragraphs.first?.joined(separator: " ") ?? ""
        let last = paragraphs.count > 1 ? paragraphs.last! : []
        trailers = Self.trailers(in: last) ?? []
        let bodyParagraphs = paragraphs.dropFirst().dropLast(trailers.isEmpty ? 0 : 1)
        body = bodyParagraphs.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
        text = paragraphs.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// Values of the trailers with one of these keys (compared without case, as git does).
    public func values(forKeys keys: [String]) -> [String] {
        let wanted = Set(keys.map { $0.lowercased() })
        return trailers.filter { wanted.contains($0.key.lowercased()) }.map(\.value)
    }

    private static func paragraphs(_ lines: [Substring]) -> [[Substring]] {
        var result: [[Substring]] = []
        var current: [Substring] = []
        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { result.append(current) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// A paragraph is a trailer block when each line is `Key: value` or folds onto the line
    /// before it (starts with white space). Keys are letters, digits and `-`, as git requires.
    private static func trailers(in paragraph: [Substring]) -> [Trailer]? {
        var trailers: [Trailer] = []
        for line in paragraph {
            if line.first?.isWhitespace == true, !trailers.isEmpty {
                trailers[trailers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon]
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
            trailers.append(Trailer(key: String(key), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return trailers.isEmpty ? nil : trailers
    }
}

import Foundation
