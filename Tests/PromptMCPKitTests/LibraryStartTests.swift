import XCTest

/// libgit2's start-up inside the `promptmcp` executable (Sources/CGitOffline/skip_ca_bundle.c).
final class LibraryStartTests: XCTestCase {
    /// Where libgit2 is built with mbedTLS (Debian's), its call that parses the CA bundle must
    /// bind to the executable's own definition, which loads nothing; the dynamic linker's
    /// binding log says which definition each call reached.
    func testLibgit2DoesNotParseTheCABundle() throws {
        let binary = Command.promptmcpBinary.path
        let libraries = try Command.run("/usr/bin/ldd", [binary], in: "/").stdout
        try XCTSkipUnless(libraries.contains("libmbedx509"), "this libgit2 is not built with mbedTLS: it parses no CA bundle at start-up")
        let repo = try GitRepo()
        try repo.stage("a.txt", "a\n")
        let result = try repo.promptmcp("check", environment: ["LD_DEBUG": "bindings"])
        XCTAssertEqual(result.status, 0, result.stdout)
        let bindings = result.stderr.split(separator: "\n").filter { $0.hasSuffix("`mbedtls_x509_crt_parse_file'") }
        let fromLibgit2 = try XCTUnwrap(bindings.first { $0.contains("libgit2") }, "libgit2 never bound the call")
        XCTAssertTrue(fromLibgit2.contains("to \(binary) [0]"), String(fromLibgit2))
    }
}
