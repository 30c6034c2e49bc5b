/// The release, in one place: `promptmcp --version`, SARIF's tool version and the MCP server's
/// `serverInfo` and health answer all read it.
public enum PromptMCPVersion {
    public static let current = "0.1.0"
}
