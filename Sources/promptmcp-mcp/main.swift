import Foundation
import PromptMCPServer

// `promptmcp mcp` execs this binary: the MCP SDK (and the libcurl it links through
// FoundationNetworking) stays out of the `promptmcp` that git hooks start.
exit(await PromptMCPServer.main(CommandLine.arguments))
