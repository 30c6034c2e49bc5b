/// The command lines the hooks run (`check`, `check --commit-msg FILE`, `check --pre-push`,
/// with `--format`), read without ArgumentParser: building its parser reflects over every
/// option's property wrapper, about 2 ms of type-metadata look-ups, a tenth of a hook's budget.
/// Anything else, including help and errors, goes through the full parser; a test checks that
/// both read each shape of command line accepted here the same way.
enum HookCommandLine {
    static func checkRun(_ arguments: [String]) -> CheckRun? {
        var rest = arguments.first == "check" ? arguments.dropFirst() : arguments[...]
        var run = CheckRun(target: .staged, destination: ReportDestination())
        while let argument = rest.popFirst() {
            switch argument {
            case "--pre-push" where run.target == .staged:
                run.target = .prePush
            case "--commit-msg" where run.target == .staged:
                guard let file = rest.popFirst(), !file.hasPrefix("-") else { return nil }
                run.target = .commitMessage(file: file)
            case "--format":
                guard let name = rest.popFirst(), let format = ReportDestination.Format(rawValue: name) else { return nil }
                run.destination.format = format
            default:
                return nil
            }
        }
        return run
    }
}
