/// A big blob stays in the history for good, even once the file is deleted.
public struct MaxFileSizeRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/max-file-size",
        summary: """
            A file's staged content is larger than `bytes`, text or binary, generated or not. A pure \
            rename or a mode change is not judged again. A warning by default: a big test fixture or \
            asset is often deliberate (GRDB keeps a 4.4 MB profiling database), and a team that wants \
            to block big blobs sets `error`.
            """,
        defaultSeverity: .warning,
        policyKey: "quality.max-file-size",
        options: [
            RuleOption("bytes", .byteSize, default: "1MiB", "The largest size allowed."),
        ],
        examples: [
            .triggering("0123456789\n0123456789\n", path: "data.csv", policy: "quality:\n  max-file-size: { bytes: 16 }\n"),
            .triggering(bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D], path: "logo.png", policy: "quality:\n  max-file-size: { bytes: 4 }\n"),
            .passing("let small = true\n"),
            .passing("0123456789\n", path: "data.csv", policy: "quality:\n  max-file-size: { bytes: 11 }\n"),
        ]
    )

    private let limit: Int

    public init(_ configuration: RuleConfiguration) {
        limit = configuration.bytes("bytes")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.status != .deleted, !file.keepsItsBlob, file.size > limit else { return [] }
        return [context.finding(
            file, "\(ByteCount.text(file.size)), over the limit of \(ByteCount.text(limit))",
            hint: "keep large files out of git (Git LFS, a release asset, or a download at build time), or raise quality.max-file-size.bytes")]
    }
}

/// Sizes for people: `512 bytes`, `1.5 KiB`, `3 MiB`.
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1024 else { return Plural.count(bytes, "byte") }
        var value = Double(bytes)
        var unit = -1
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let number = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(number) \(units[unit])"
    }
}
