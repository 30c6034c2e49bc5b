import CSandbox
import Foundation

/// The resource limits a sandboxed child runs under. `nil` keeps what the parent has.
///
/// What each one does not cover matters as much as what it does (docs/test-gates.md):
/// `cpuSeconds` is per process, so a suite that forks spreads its time; `fileSizeBytes` bounds
/// one file, not how many; `processes` counts every process of the child's uid and binds only
/// a non-root uid; `addressSpaceBytes` also counts reservations (node needs 1 GiB or more).
public struct SandboxLimits: Sendable, Equatable {
    public var cpuSeconds: Int?
    /// RLIMIT_AS: the policy's `memory`.
    public var addressSpaceBytes: Int?
    /// RLIMIT_DATA: the policy's `data`, for runtimes that reserve far more than they use.
    public var dataBytes: Int?
    public var fileSizeBytes: Int?
    public var processes: Int?
    public var openFiles: Int?
    /// Output kept from stdout and stderr together; the middle of a longer output is dropped.
    public var outputBytes: Int

    /// Output kept when the policy sets no `output` limit.
    public static let defaultOutputBytes = 1 << 20

    public init(cpuSeconds: Int? = nil, addressSpaceBytes: Int? = nil, dataBytes: Int? = nil,
                fileSizeBytes: Int? = nil, processes: Int? = nil, openFiles: Int? = nil,
                outputBytes: Int = SandboxLimits.defaultOutputBytes) {
        self.cpuSeconds = cpuSeconds
        self.addressSpaceBytes = addressSpaceBytes
        self.dataBytes = dataBytes
        self.fileSizeBytes = fileSizeBytes
        self.processes = processes
        self.openFiles = openFiles
        self.outputBytes = outputBytes
    }

    /// Output past which the child is stopped rather than drained: reading `yes` until the
    /// timeout would keep a core busy for nothing, while a verbose suite stays well under this.
    var floodBytes: Int { max(64 << 20, outputBytes.multipliedReportingOverflow(by: 16).partialValue) }

    var raw: csandbox_limits {
        func keep(_ value: Int?) -> Int64 { value.map(Int64.init) ?? Int64(CSANDBOX_KEEP) }
        return csandbox_limits(
            cpu_seconds: keep(cpuSeconds), address_space: keep(addressSpaceBytes), data_size: keep(dataBytes),
            file_size: keep(fileSizeBytes), processes: keep(processes), open_files: keep(openFiles)
        )
    }
}

/// Sizes and durations in the words the policy uses: `1 MiB`, `30 s`.
enum Words {
    static func bytes(_ count: Int) -> String {
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (unit, size) in units where count >= size {
            let value = Double(count) / Double(size)
            return value == value.rounded() ? "\(Int(value)) \(unit)" : String(format: "%.1f", value) + " " + unit
        }
        return Plural.count(count, "byte")
    }

    static func seconds(_ value: Double) -> String {
        if value == value.rounded() { return "\(Int(value)) s" }
        return value < 1 ? "\(Int((value * 1000).rounded())) ms" : String(format: "%.1f s", value)
    }
}
