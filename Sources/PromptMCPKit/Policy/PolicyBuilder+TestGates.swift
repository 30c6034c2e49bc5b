import Yams

/// The `tests:` section: test gates run in the sandbox.
extension PolicyBuilder {
    func testGate(_ node: Node) -> TestGate {
        let command: TestGate.Command
        if let list = node["command"]?.sequence {
            command = .arguments(list.compactMap(\.string))
        } else {
            command = .shell(node["command"]?.string ?? "")
        }
        var gate = TestGate(name: node["name"]?.string ?? "", command: command)
        gate.location = location(node)
        gate.when = node["when"]?.sequence?.compactMap(glob).map(\.value) ?? []
        if let seconds = choice(node["timeout"], Notation.seconds) { gate.timeoutSeconds = Double(seconds.value) }
        if let limits = node["limits"] { gate.limits = sandboxLimits(limits) }
        if let network = bool(node["network"]) { gate.network = network.value }
        if let sandbox = bool(node["sandbox"]) { gate.sandbox = sandbox.value }
        gate.environment = node["env"]?.sequence?.compactMap(\.string) ?? []
        gate.workdir = node["workdir"]?.string
        if let snapshot = choice(node["snapshot"], TestGate.Snapshot.init) { gate.snapshot = snapshot.value }
        if let severity = choice(node["severity"], Severity.init) { gate.severity = severity.value }
        if let always = bool(node["run_after_failures"]) { gate.runAfterFailures = always.value }
        return gate
    }

    private func sandboxLimits(_ node: Node) -> SandboxLimits {
        func bytes(_ key: String) -> Int? { choice(node[key], Notation.bytes)?.value }
        var limits = SandboxLimits(
            cpuSeconds: choice(node["cpu"], Notation.seconds)?.value,
            addressSpaceBytes: bytes("memory"), dataBytes: bytes("data"), fileSizeBytes: bytes("file_size"),
            processes: int(node["processes"])?.value, openFiles: int(node["open_files"])?.value
        )
        if let output = bytes("output") { limits.outputBytes = output }
        return limits
    }
}
