import Foundation
import PromptMCPFuzzing

// `promptmcp-fuzz TARGET [libFuzzer options] [CORPUS...]` when built by bench/fuzz.py
// (-sanitize=fuzzer -DPROMPTMCP_FUZZ); otherwise `promptmcp-fuzz TARGET FILE...` runs each file
// once through the target, to reproduce a crasher without the fuzzer build.

let usage = "usage: promptmcp-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE..."
guard CommandLine.arguments.count >= 2, let target = FuzzTarget(rawValue: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}

#if PROMPTMCP_FUZZ
/// libFuzzer's driver (LLVM 12 and later), for programs that keep their own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) var selected = target
// libFuzzer reads argv[0] as the program and the rest as its options: drop the target name.
var arguments = [CommandLine.unsafeArgv[0]] + (2..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0] }
var count = Int32(arguments.count)
arguments.append(nil)
let status = arguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&count, &pointer) { data, size in
        selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
exit(status)
#else
var failures = 0
for path in CommandLine.arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        failures += 1
        continue
    }
    target.run(Array(data))
    print("\(path): ok")
}
exit(failures == 0 ? 0 : 1)
#endif
