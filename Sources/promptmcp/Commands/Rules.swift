import ArgumentParser
import PromptMCPKit

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every rule: its id, default severity and what it reports.",
        discussion: """
        Rule ids are what findings name and what policy keys set: `quality/line-length` is \
        `quality: { line-length: ... }` in .promptmcp/policy.yml. With --format markdown, prints \
        the full reference with each rule's options and examples: the text of docs/rules.md.
        """
    )

    @Option(help: "Output format: text (one line per rule) or markdown (the docs/rules.md page).")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    func run() {
        switch format {
        case .text: Terminal.out(RuleDocumentation.list())
        case .markdown: Terminal.out(RuleDocumentation.markdown())
        }
    }
}
