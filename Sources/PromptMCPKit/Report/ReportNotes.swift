extension Report {
    /// How notes about lessons start (LessonLearning): they are about what the clone learned, not
    /// about the run, so formats read by CI (`--format github`) leave them out.
    public static let lessonNote = "lesson learned: "
    public static let lessonFailureNote = "could not record lessons: "

    /// The notes about the run itself: which policy copy judged, fallbacks, skipped commits.
    public var runNotes: [String] {
        notes.filter { !$0.hasPrefix(Self.lessonNote) && !$0.hasPrefix(Self.lessonFailureNote) }
    }
}
