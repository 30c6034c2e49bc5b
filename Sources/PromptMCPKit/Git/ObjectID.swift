import CGit2

/// A git object id (SHA-1), kept as libgit2's 20 bytes: ids travel through a run as they come
/// from libgit2 and become hex only when printed.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    let raw: git_oid

    init(_ oid: git_oid) { raw = oid }

    /// An id written in hex (40 digits, as git prints it); nil when it is not one.
    public init?(hex: String) {
        var oid = git_oid()
        guard hex.utf8.count == Int(GIT_OID_HEXSZ), git_oid_fromstr(&oid, hex) == 0 else { return nil }
        raw = oid
    }

    public static let zero = ObjectID(git_oid())
    public var isZero: Bool { self == .zero }

    public var hex: String {
        var oid = raw
        return String(cString: git_oid_tostr_s(&oid))
    }

    public var short: String { String(hex.prefix(12)) }
    public var description: String { hex }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        var left = lhs.raw, right = rhs.raw
        return git_oid_equal(&left, &right) != 0
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
    }
}
