/// A rule's globs (`allow`, `ignore`, ...), tried against one path at a time. Every file of a
/// change meets these lists, so the common shapes, a name with one leading or trailing `*` and
/// no `/` (`*.pem`, `id_rsa*`, `.env`), are compared as plain text against each part of the
/// path, which is exactly what `fnmatch` would decide for them; any other glob goes to
/// `Glob.matches` with the path split once for the whole list.
struct GlobList: Sendable {
    let globs: [Glob]
    private let simple: [Simple?]

    private enum Simple: Sendable {
        case name(String)
        case suffix(String)
        case prefix(String)

        init?(_ pattern: String) {
            let bytes = pattern.utf8
            let isPlain = { (part: Substring.UTF8View) in !part.contains(where: Self.special.contains) }
            if isPlain(Substring(pattern).utf8) {
                self = .name(pattern)
            } else if bytes.first == UInt8(ascii: "*"), bytes.count > 1, isPlain(Substring(pattern).utf8.dropFirst()) {
                self = .suffix(String(decoding: bytes.dropFirst(), as: UTF8.self))
            } else if bytes.last == UInt8(ascii: "*"), bytes.count > 1, isPlain(Substring(pattern).utf8.dropLast()) {
                self = .prefix(String(decoding: bytes.dropLast(), as: UTF8.self))
            } else {
                return nil
            }
        }

        /// Bytes that make a glob more than plain text (compared as bytes: a set of `Character`s
        /// costs grapheme work that every check paid for each default glob).
        private static let special = Array("*?[]{}\\/".utf8)

        /// Bytes are compared, as `fnmatch` does (`hasSuffix` would compare characters).
        func matches(_ part: Substring) -> Bool {
            switch self {
            case .name(let name): return part == name
            case .suffix(let suffix): return part.utf8.count >= suffix.utf8.count && part.utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
            case .prefix(let prefix): return part.utf8.starts(with: prefix.utf8)
            }
        }
    }

    init(_ globs: [Glob]) {
        self.globs = globs
        simple = globs.map { Simple($0.pattern) }
    }

    /// The first glob that matches `path`.
    func firstMatch(_ path: String) -> Glob? {
        guard !globs.isEmpty else { return nil }
        let parts = Glob.components(path)
        return globs.indices.first { index in
            // An unanchored name matches any part of the path: the file's name or a folder's.
            guard let simple = simple[index] else { return globs[index].matches(components: parts) }
            return parts.contains(where: simple.matches)
        }.map { globs[$0] }
    }

    func matches(_ path: String) -> Bool { firstMatch(path) != nil }
}
