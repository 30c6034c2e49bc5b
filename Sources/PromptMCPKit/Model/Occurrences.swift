extension Finding {
    /// The finding's identity in a baseline: its fingerprint for the first line of the file with
    /// its text, salted with the occurrence for the later ones, so that a second identical line
    /// is a new finding however much of the file a change touches.
    public var occurrenceFingerprint: String {
        occurrence == 0 ? fingerprint : Fingerprint.of(fingerprint, "#\(occurrence)")
    }

    /// Sets each line finding's `occurrence`: how many earlier lines of `file`'s whole new content
    /// hold the same text (spaces and tabs around it ignored). One pass up to the last finding's
    /// line, and none for a file without findings.
    static func numberOccurrences(_ findings: inout [Finding], in file: FileChange) {
        guard let last = findings.compactMap(\.line).max() else { return }
        let wanted = Set(findings.compactMap(\.line))
        var seen: [ArraySlice<UInt8>: Int] = [:]
        var texts: [Int: (text: ArraySlice<UInt8>, earlier: Int)] = [:]
        var cursor = LineCursor(file.content)
        for number in 1...last {
            guard let line = cursor.line(number) else { break }
            let text = line.trimmedBytes
            if wanted.contains(number) { texts[number] = (text, seen[text, default: 0]) }
            seen[text, default: 0] += 1
        }
        for index in findings.indices {
            if let line = findings[index].line, let entry = texts[line] { findings[index].occurrence = entry.earlier }
        }
    }
}
