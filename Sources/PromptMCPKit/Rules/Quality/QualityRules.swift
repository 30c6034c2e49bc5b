/// The quality gates, in the order they run and are documented. Their policy keys under
/// `quality:` and the keys' shapes come from these descriptions (see `Shape.policy`).
enum QualityRules {
    static let all: [any FileRule.Type] = [
        ConflictMarkerRule.self,
        DebugLeftoverRule.self,
        TodoWithoutReferenceRule.self,
        MaxFileSizeRule.self,
        ForbiddenFilesRule.self,
        BinaryFilesRule.self,
        LineLengthRule.self,
        TrailingWhitespaceRule.self,
        FinalNewlineRule.self,
        MixedLineEndingsRule.self,
        InvalidUTF8Rule.self,
        JSONSyntaxRule.self,
        YAMLSyntaxRule.self,
    ]
}

extension QualityRules {
    /// The quality rules that judge vendored and generated files too: what is wrong there
    /// whoever wrote the file (a half-done merge, a key, a huge blob).
    static let judgingGeneratedFiles: Set<String> = [
        ConflictMarkerRule.description.id, ForbiddenFilesRule.description.id, MaxFileSizeRule.description.id,
    ]
}
