/// PyPI API tokens: macaroons whose base64 header names pypi.org (or test.pypi.org).
public struct PyPITokenRule: FileRule {
    public static let description = RuleDescription(
        id: "secrets/pypi-token",
        summary: "A PyPI upload token: pypi- followed by a macaroon issued by pypi.org (AgEIcHlwaS5vcmc...) or test.pypi.org (AgENdGVzdC5weXBpLm9yZw...).",
        defaultSeverity: .error,
        policyKey: "secrets.rules.pypi-token",
        examples: [
            .triggering("password = ↓pypi-AgEIcHlwaS5vcmcNKogorTAuRVpQ09oiVeZWJ9QyucS19AvMp2gUAeSsUfFgUl8oPK_HJN45P-ED75cNRqsKz\n", path: ".pypirc"),
            .passing("password = pypi-<your token>\n", path: "docs/publishing.md"),
            .passing("TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}\n", path: ".github/workflows/release.yml"),
        ]
    )

    /// gitleaks' `pypi-upload-token` (`pypi-AgEIcHlwaS5vcmc[\w-]{50,1000}`), and the same for
    /// test.pypi.org.
    static let formats = [
        TokenFormat("PyPI API token", prefixes: ["pypi-"], [.oneOf("AgEIcHlwaS5vcmc", "AgENdGVzdC5weXBpLm9yZw"), .run(.wordOrDash, 50...1000)]),
    ]

    private let detector: SecretDetector

    public init(_ configuration: RuleConfiguration) {
        detector = SecretDetector(Self.formats, configuration, revoke: "pypi.org: Account settings > API tokens, Remove")
    }

    public func check(_ file: FileChange, _ context: FileContext) -> [Finding] {
        detector.check(file, context)
    }
}
