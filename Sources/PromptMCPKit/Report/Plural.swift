/// Counts in messages, in words a person would write: "1 file", "2 files", "0 errors".
public enum Plural {
    /// `count` and the noun, with an `s` unless the count is one; `plural` for irregular nouns.
    public static func count(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
