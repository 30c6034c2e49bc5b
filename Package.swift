// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "promptmcp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "promptmcp", targets: ["promptmcp"]),
        .library(name: "PromptMCPKit", targets: ["PromptMCPKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(
            name: "PromptMCPKit",
            dependencies: ["CGit2", "Yams"]
        ),
        .executableTarget(
            name: "promptmcp",
            dependencies: [
                "PromptMCPKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PromptMCPKitTests",
            dependencies: ["PromptMCPKit", "promptmcp"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
