/// One thing a rule found wrong with a change.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    /// The file concerned; nil for a finding about the whole change (too many files, say).
    public var file: String?
    /// 1-based; nil for a finding about a whole file.
    public var line: Int?
    public var column: Int?
    public var message: String
    /// What to do about it, in a sentence.
    public var hint: String?
    /// The commit the finding is about, when judging commits (CI, pre-push); nil for a staged change.
    public var commit: String?
    /// Identifies the finding across line moves: rule, file and the offending text, not the line number.
    public var fingerprint: String
    /// How many earlier lines of the file hold the same text (0 for the first, and for a finding
    /// about a whole file): what tells identical findings apart in a baseline.
    public var occurrence = 0

    public init(rule: String, severity: Severity, file: String?, line: Int? = nil, column: Int? = nil,
                message: String, hint: String? = nil, fingerprintText: String = "") {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        fingerprint = Fingerprint.of(rule, file ?? "", fingerprintText)
    }
}

/// A short stable hash (FNV-1a, 64 bits) for fingerprints: the same input gives the same id on
/// every machine and every run, which Swift's `Hasher` does not promise.
enum Fingerprint {
    static func of(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            hash ^= 0xFF
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
