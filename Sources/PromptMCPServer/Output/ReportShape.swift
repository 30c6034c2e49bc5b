/// The JSON report (docs/json-report.md) without its timings: what `promptmcp_check` answers.
enum ReportShape {
    static let finding = OutputShape.object([
        ("rule", .string), ("severity", .string), ("file", .nullable(.string)), ("line", .nullable(.integer)),
        ("column", .nullable(.integer)), ("message", .string), ("hint", .nullable(.string)),
        ("fingerprint", .string), ("commit", .nullable(.string)),
    ])

    static let report = OutputShape.object([
        ("version", .integer), ("target", .string), ("policy", .string), ("passed", .boolean),
        ("findings", .array(finding)), ("notes", .array(.string)), ("gates", .array(.object([]))),
        ("summary", .object([
            ("errors", .integer), ("warnings", .integer), ("files", .integer), ("added_lines", .integer),
            ("deleted_lines", .integer), ("suppressed", .integer), ("baselined", .integer),
        ])),
    ])
}
