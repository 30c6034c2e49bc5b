import ArgumentParser
import Foundation
import PromptMCPKit
import PromptMCPKnowledge

struct Docs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Library documentation that stays usable offline: a Context7-compatible cache.",
        discussion: """
        Answers come from the cache first (the network is not used while an answer is fresh); \
        a stale answer is shown at once and refreshed afterwards. With --offline, or when the \
        network fails, nothing waits on the network: the cache answers and the question is \
        queued for `promptmcp docs sync`. Set CONTEXT7_API_KEY for Context7's higher limits and \
        CONTEXT7_BASE_URL for another Context7-compatible server. See docs/knowledge.md.
        """,
        subcommands: [DocsSearch.self, DocsGet.self, DocsImport.self, DocsSync.self, DocsStatus.self, DocsPrune.self]
    )
}

/// Options every docs command that may use the network shares.
struct NetworkOptions: ParsableArguments {
    @Flag(help: "Do not use the network: answer from the cache, queue the rest for `docs sync`.")
    var offline = false

    @Option(help: "Output format: text or json.")
    var format: KnowledgeFormat = .text

    @Flag(help: .hidden)
    var timings = false

    func service() throws -> DocsService { try DocsService.open(offline: offline) }
}

enum KnowledgeFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

struct DocsSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find a library's Context7 id by name (e.g. `promptmcp docs search grdb`).")

    @Argument(help: "The library's name.")
    var name: String

    @Option(help: "What you want to do with it; helps Context7 rank the results.")
    var query = ""

    @OptionGroup var options: NetworkOptions

    func run() throws {
        let service = try options.service()
        let lookup = try KnowledgeOutput.timed(options.timings, "docs search") { try service.searchLibraries(name: name, query: query) }
        if options.format == .json {
            Terminal.out(KnowledgeOutput.json(lookup))
        } else {
            Terminal.out(lookup.value.map(KnowledgeOutput.text).joined(separator: "\n") + (lookup.value.isEmpty ? "no libraries found\n" : ""))
        }
        KnowledgeOutput.finish(lookup, service: service)
    }
}

struct DocsGet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show documentation of a library for a question.")

    @Argument(help: "A library id such as /groue/grdb.swift (a version as /owner/repo/v1.2 or /owner/repo@1.2).")
    var libraryID: String

    @Option(help: "What you want to know.")
    var query: String

    @Option(help: "Show at most this many snippets.")
    var limit = 10

    @OptionGroup var options: NetworkOptions

    func validate() throws {
        guard LibraryID(libraryID) != nil else {
            throw ValidationError("\(libraryID) is not a library id: expected /owner/repo, /owner/repo/VERSION or /owner/repo@VERSION.")
        }
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() throws {
        let service = try options.service()
        let lookup = try KnowledgeOutput.timed(options.timings, "docs get") {
            try service.context(libraryID: LibraryID(libraryID)!, query: query, limit: limit)
        }
        if options.format == .json {
            Terminal.out(KnowledgeOutput.json(lookup))
        } else {
            Terminal.out(lookup.value.map(KnowledgeOutput.text).joined(separator: "\n"))
        }
        KnowledgeOutput.finish(lookup, service: service)
    }
}

struct DocsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Seed the cache from a folder of Markdown (air-gapped teams, in-house libraries).",
        discussion: """
        Every .md/.markdown/.mdx file under DIR becomes documentation of LIBRARY, answered by \
        `docs get` and `search` without any network. Imported docs never expire; importing again \
        replaces them (files gone from DIR are dropped).
        """)

    @Argument(help: "The folder to import.")
    var folder: String

    @Option(help: "The library id to file it under: /owner/repo or /owner/repo@VERSION.")
    var library: String

    func validate() throws {
        guard LibraryID(library) != nil else {
            throw ValidationError("--library \(library) is not a library id: expected /owner/repo or /owner/repo@VERSION.")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(folder) is not a folder.")
        }
    }

    func run() throws {
        let service = try KnowledgeOutput.docsService()
        let started = Date()
        let report = try MarkdownImporter(service: service).importFolder(folder, as: LibraryID(library)!)
        let seconds = Date().timeIntervalSince(started)
        Terminal.out("imported \(Plural.count(report.files, "file")) (\(Plural.count(report.chunks, "chunk"))) as \(library) in \(String(format: "%.2f", seconds)) s"
                     + (report.removed > 0 ? "; removed \(report.removed) no longer in \(folder)" : "") + "\n")
        for path in report.skipped { Terminal.err("skipped \(path): not UTF-8 text or larger than 4 MiB") }
    }
}
