import Foundation

/// A `secrets.custom` rule: where one of its keywords occurs, its ICU pattern runs on that line;
/// the first capture group (or the whole match) is the secret.
struct CustomSecretMatcher: SecretMatcher {
    let keywords: [[UInt8]]
    let regex: PolicyRegex
    let entropy: Double?
    let label: String

    var foldsCase: Bool { true }

    func match(_ text: SecretText, keyword: Int, at start: Int) -> SecretMatch? {
        let lineStart = text.lineStart(start)
        let lineEnd = text.lineEnd(start)
        let line = text.string(lineStart..<lineEnd)
        guard let found = regex.firstMatch(in: line) else { return nil }
        let range = found.group ?? found.whole
        let lower = lineStart + line.utf8.distance(from: line.startIndex, to: range.lowerBound)
        let upper = lineStart + line.utf8.distance(from: line.startIndex, to: range.upperBound)
        guard upper > lower else { return nil }
        let value = Array(text.bytes[lower..<upper])
        guard SecretEntropy.bits(value) >= entropy ?? 0, !SecretFilters.isPlaceholderToken(value) else { return nil }
        return SecretMatch(value: lower..<upper, label: label)
    }
}
