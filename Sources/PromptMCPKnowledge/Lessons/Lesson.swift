import Foundation

/// Something learned from a past finding or written down by hand: which rule, where, and how it
/// was fixed. Team lessons are files in `.promptmcp/lessons/` (committed, so git shares them);
/// local ones live in the clone's store. Usage and confidence are always local.
public struct Lesson: Sendable, Equatable, Codable {
    public enum Scope: String, Sendable, Codable { case team, local }
    public enum Origin: String, Sendable, Codable { case finding, manual }

    public var id: String
    public var title: String
    /// The rule id it is about, if any.
    public var rule: String?
    /// A glob of the paths it applies to, if any.
    public var paths: String?
    /// How it was fixed, or what to do.
    public var fix: String
    public var origin: Origin
    public var scope: Scope
    public var createdAt: Date
    public var uses = 0
    public var helped = 0
    /// 0...1, already decayed to now.
    public var confidence: Double

    /// Deterministic, so that recording the same lesson twice finds the first one.
    static func makeID(title: String, rule: String?, paths: String?) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in [title.lowercased(), rule ?? "", paths ?? ""].joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "L" + String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(8))
    }

    /// The glob for a finding's file: same folder, same extension (`Sources/App/*.swift`).
    static func pathPattern(for file: String?) -> String? {
        guard let file, !file.isEmpty else { return nil }
        let url = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: "/"))
        let folder = (file as NSString).deletingLastPathComponent
        let name = url.pathExtension.isEmpty ? url.lastPathComponent : "*." + url.pathExtension
        return folder.isEmpty ? name : folder + "/" + name
    }
}

/// How sure we are that a lesson is worth showing: it rises when the lesson helps, falls when
/// it did not, and halves for every `halfLife` it goes unused.
enum Confidence {
    static let halfLife: TimeInterval = 60 * 24 * 3600
    static let initialManual = 0.5
    static let initialFromFinding = 0.4

    static func decayed(_ base: Double, since touched: Date, now: Date) -> Double {
        let idle = max(0, now.timeIntervalSince(touched))
        return min(1, max(0, base * pow(0.5, idle / halfLife)))
    }

    static func helped(_ current: Double) -> Double { current + (1 - current) * 0.3 }
    static func notHelped(_ current: Double) -> Double { current * 0.7 }
    /// The same lesson recorded again from a new finding: some evidence that it matters.
    static func recurred(_ current: Double) -> Double { current + (1 - current) * 0.1 }
}
