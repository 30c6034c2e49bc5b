/// Fits the enriched prompt into `maxTokens`: the prompt itself always goes in whole, then
/// sections in priority order (policy, repository, lessons, documentation), item by item, as
/// long as they fit. Tokens are estimated at four bytes of UTF-8 each, the usual rule of thumb
/// for English text and code; no tokenizer is shipped.
struct ContextBudget {
    struct Section {
        var title: String
        var items: [String]
    }

    let maxTokens: Int
    private(set) var leftOut = 0

    init(maxTokens: Int) { self.maxTokens = maxTokens }

    static func tokens(_ text: String) -> Int { (text.utf8.count + 3) / 4 }

    /// `closing` gets the number of items left out; room for its longest form is kept.
    mutating func render(prompt: String, preamble: String, sections: [Section], closing: (Int) -> String) -> String {
        var text = prompt
        var used = Self.tokens(text)
        let frame = "\n\n---\n" + preamble + "\n"
        let reserve = Self.tokens(closing(99_999))
        guard used + Self.tokens(frame) + reserve < maxTokens else {
            leftOut = sections.reduce(0) { $0 + $1.items.count }
            return text
        }
        text += frame
        used += Self.tokens(frame) + reserve
        for section in sections {
            var heading: String? = "\n## \(section.title)\n"
            for item in section.items {
                let piece = (heading ?? "") + item + "\n"
                guard used + Self.tokens(piece) <= maxTokens else { leftOut += 1; continue }
                text += piece
                used += Self.tokens(piece)
                heading = nil
            }
        }
        return text + closing(leftOut)
    }
}
