// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "promptmcp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "promptmcp", targets: ["promptmcp"]),
        .library(name: "PromptMCPKit", targets: ["PromptMCPKit"]),
        .executable(name: "promptmcp-mcp", targets: ["promptmcp-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // fork + set-up + execve for test gates: the child's side must not run Swift code.
        .target(name: "CSandbox"),
        .target(
            name: "PromptMCPKit",
            dependencies: ["CGit2", "CSandbox", "Yams"]
        ),
        // HTTP through libcurl loaded with dlopen on first use: linking it (or FoundationNetworking)
        // would cost every `promptmcp check` ~9 ms of start-up.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Offline knowledge (docs cache, search, lessons): a module of its own so that the
        // check hot path neither links its code paths nor opens SQLite.
        .target(
            name: "PromptMCPKnowledge",
            dependencies: ["PromptMCPKit", "CGit2", "CCurl", "Yams", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Keeps libgit2 from parsing the CA bundle it never needs here (skip_ca_bundle.c); a
        // dependency of the executables only, which define the symbol libgit2 binds to.
        .target(name: "CGitOffline"),
        .executableTarget(
            name: "promptmcp",
            dependencies: [
                "CGitOffline",
                "PromptMCPKit",
                "PromptMCPKnowledge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The MCP server (`promptmcp mcp`). A module and an executable of their own: the MCP SDK
        // imports FoundationNetworking, which would load libcurl into every `promptmcp check`;
        // `promptmcp mcp` execs `promptmcp-mcp` instead.
        .target(
            name: "PromptMCPServer",
            dependencies: [
                "PromptMCPKit", "PromptMCPKnowledge",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "promptmcp-mcp", dependencies: ["CGitOffline", "PromptMCPServer"]),
        // The parsers that read untrusted input, as fuzz targets: `promptmcp-fuzz` is libFuzzer's
        // driver when bench/fuzz.py builds it with -sanitize=fuzzer, and replays files otherwise;
        // the tests replay the crashers it found (Tests/Fixtures/fuzz/).
        .target(name: "PromptMCPFuzzing", dependencies: ["PromptMCPKit", "PromptMCPServer"]),
        .executableTarget(name: "promptmcp-fuzz", dependencies: ["CGitOffline", "PromptMCPFuzzing"]),
        .testTarget(
            name: "PromptMCPKitTests",
            dependencies: ["PromptMCPKit", "PromptMCPKnowledge", "promptmcp", "PromptMCPServer", "promptmcp-mcp", "promptmcp-fuzz"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
