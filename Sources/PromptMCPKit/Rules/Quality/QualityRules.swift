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
