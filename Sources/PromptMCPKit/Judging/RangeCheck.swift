/// CI and push: judging existing commits, one by one or squashed into one change.
extension Checker {
    /// Judges commits one by one (oldest first, each against its first parent, with its message)
    /// and merges their reports into one, each finding tagged with its commit. Every commit's
    /// files are read and judged in one pass on the worker threads: a commit has too few files
    /// to keep two threads busy by itself. Merge commits are judged too unless `skipMerges`.
    func checkCommits(_ infos: [CommitInfo], in repository: Repository, skipMerges: Bool, target: String) throws -> Report {
        let reader = ChangeSetReader(repository: repository)
        var clock = StageClock()
        let commits = try clock.measure("collect") {
            try infos.filter { !(skipMerges && $0.isMerge) }.map { ($0, try reader.commitDeltas($0)) }
        }
        let rules = try ruleSets.at(.commit)
        let judged = try clock.measure("judge files") { try judgeFiles(commits.flatMap(\.1), in: repository, rules: rules) }
        var remaining = judged[...]
        var reports: [Report] = []
        for (info, deltas) in commits {
            var commitClock = StageClock()
            let files = Array(remaining.prefix(deltas.count))
            remaining = remaining.dropFirst(deltas.count)
            reports.append(report(files, of: deltas, target: "commit \(info.id.short)", context: commitContext(info, repository),
                                  rules: rules, clock: &commitClock).tagged(with: info))
        }
        var merged = Report.merging(reports, target: "\(target) (\(Plural.count(reports.count, "commit")))", policySource: policySource)
        merged.stages = clock.stages + merged.stages
        let skipped = infos.count - commits.count
        if skipped > 0 { merged.notes.append("\(Plural.count(skipped, "merge commit")) skipped (--skip-merges)") }
        return merged
    }

    /// Judges the commits' cumulative change since `base` as one, as a squash merge would record
    /// it. Its message stands in for the squashed one: the newest commit's subject, and the
    /// trailers of every commit (so a citation anywhere in the range counts).
    func checkSquashed(_ infos: [CommitInfo], base: ObjectID, in repository: Repository, target: String) throws -> Report {
        guard let last = infos.last else { return Report.merging([], target: "\(target) (no commit)", policySource: policySource) }
        var clock = StageClock()
        let deltas = try clock.measure("collect") { try ChangeSetReader(repository: repository).squashedDeltas(from: base, to: last.id) }
        var context = commitContext(last, repository)
        context.message = CommitMessage(squashing: infos.map(\.message))
        return try judge(deltas, in: repository, target: "\(target) squashed (\(Plural.count(infos.count, "commit")))",
                         context: context, clock: &clock)
    }

}

extension Report {
    /// One report for several judged commits: findings in commit order, counts and stage times summed.
    static func merging(_ reports: [Report], target: String, policySource: String) -> Report {
        var stageTimes: [(name: String, milliseconds: Double)] = []
        for stage in reports.flatMap(\.stages) {
            if let index = stageTimes.firstIndex(where: { $0.name == stage.name }) {
                stageTimes[index].milliseconds += stage.milliseconds
            } else {
                stageTimes.append(stage)
            }
        }
        return Report(
            target: target, policySource: policySource,
            findings: reports.flatMap(\.findings),
            fileCount: reports.reduce(0) { $0 + $1.fileCount },
            addedLineCount: reports.reduce(0) { $0 + $1.addedLineCount },
            deletedLineCount: reports.reduce(0) { $0 + $1.deletedLineCount },
            stages: stageTimes,
            suppressedCount: reports.reduce(0) { $0 + $1.suppressedCount },
            baselinedCount: reports.reduce(0) { $0 + $1.baselinedCount },
            rulesRun: Array(Set(reports.flatMap(\.rulesRun))).sorted(),
            notes: Array(Set(reports.flatMap(\.notes))).sorted()
        )
    }
}

extension Report {
    /// The report with each finding tagged with the commit it is about.
    func tagged(with commit: CommitInfo) -> Report {
        var report = self
        report.findings = findings.map { var finding = $0; finding.commit = commit.id.hex; return finding }
        return report
    }
}

extension CommitMessage {
    /// The newest message's subject and body, with the trailers of all of them.
    init(squashing messages: [String]) {
        self.init(messages.last ?? "")
        trailers = messages.flatMap { CommitMessage($0).trailers }
    }
}
