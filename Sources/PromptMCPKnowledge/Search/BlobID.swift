import CGit2

/// Git's blob id of some bytes (what `git hash-object` prints), through libgit2. The repo-docs
/// index keys on it: a file whose content git would store under the same id is not re-indexed.
enum BlobID {
    /// libgit2 counts its initialisations, so one more (harmless if the repository layer
    /// already did it) makes this usable before any repository is opened.
    private static let ready: Void = { git_libgit2_init() }()
    private static let digits = Array("0123456789abcdef".utf8)

    static func of(_ bytes: [UInt8]) -> String {
        _ = ready
        var oid = git_oid()
        let status = bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
        guard status == 0 else { return "" }
        return withUnsafeBytes(of: oid.id) { raw in
            var hex: [UInt8] = []
            hex.reserveCapacity(raw.count * 2)
            for byte in raw { hex.append(digits[Int(byte >> 4)]); hex.append(digits[Int(byte & 0xF)]) }
            return String(decoding: hex, as: UTF8.self)
        }
    }
}
