/// Binary files cannot be reviewed in a diff and every version stays in the history.
public struct BinaryFilesRule: FileRule {
    public static let description = RuleDescription(
        id: "quality/binary-files",
        summary: """
            A binary file (git's test: a NUL byte in its first 8000 bytes) is added or changed, and it \
            does not match `allow`. A pure rename or a mode change is not judged again.
            """,
        defaultSeverity: .warning,
        policyKey: "quality.binary-files",
        options: [
            RuleOption("allow", .list(.glob), default: defaultAllow, """
                Binary files that belong in a repository: images, icons, fonts, PDF. Archives, \
                executables, libraries, office documents, audio and video are left out: they are \
                usually build output or belong in Git LFS or a release.
                """),
        ],
        examples: [
            .triggering(bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], path: "bin/tool"),
            .triggering(bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], path: "vendor/lib.jar"),
            .passing("text is not binary\n", path: "notes.txt"),
            .passing(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], path: "Assets/logo.png"),
            .passing(bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], path: "fixtures/sample.zip",
                     policy: "quality:\n  binary-files: { allow: [\"fixtures/**\"] }\n"),
        ]
    )

    static let defaultAllow: OptionValue = [
        "*.{png,PNG,jpg,JPG,jpeg,JPEG,gif,GIF,webp,avif,heic,HEIC,bmp,ico,icns,tif,tiff}",
        "*.{woff,woff2,ttf,otf,eot}", "*.pdf",
    ]

    private let allow: GlobList

    public init(_ configuration: RuleConfiguration) {
        allow = GlobList(configuration.globs("allow"))
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        guard file.isBinary, file.status != .deleted, !file.keepsItsBlob,
              !allow.matches(file.path) else { return [] }
        return [context.finding(
            file, "binary file \(file.status.pastTense) (\(ByteCount.text(file.size)))",
            hint: "binary files cannot be reviewed and stay in the history for good: leave build output out (.gitignore), use Git LFS for large assets, or add a glob to quality.binary-files.allow")]
    }
}
