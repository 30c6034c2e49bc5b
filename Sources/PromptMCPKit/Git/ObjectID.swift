import CGit2

/// A git object id (SHA-1), kept as its hex string: ids are compared and printed, never hashed here.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    public let hex: String

    public init(hex: String) { self.hex = hex }

    init(_ oid: git_oid) {
        var oid = oid
        hex = String(cString: git_oid_tostr_s(&oid))
    }

    var raw: git_oid {
        var oid = git_oid()
        git_oid_fromstr(&oid, hex)
        return oid
    }

    public static let zero = ObjectID(hex: String(repeating: "0", count: Int(GIT_OID_HEXSZ)))
    public var isZero: Bool { self == .zero }
    public var short: String { String(hex.prefix(12)) }
    public var description: String { hex }
}
