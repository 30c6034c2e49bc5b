// promptmcp reads repositories through libgit2 and never uses its network transports (the
// knowledge cache talks HTTPS through libcurl, with its own trust store). Debian's libgit2 is
// built with mbedTLS and parses the whole system CA bundle inside git_libgit2_init(): 3.4 ms of
// CPU, a sixth of a pre-commit hook, for certificates that nothing here will use.
//
// The executable defines the one mbedTLS function libgit2 calls for that, so the dynamic linker
// binds libgit2's call to this definition (an executable comes first in symbol lookup). It loads
// nothing: libgit2 is left without trust anchors and would refuse any HTTPS peer, failing
// closed. A libgit2 built with another TLS library never calls it. The definition holds for the
// whole process: a library loaded later that used mbedTLS's file loading would get no anchors
// either (the libcurl that CCurl loads is Debian's OpenSSL build, which does not).

struct mbedtls_x509_crt;

__attribute__((visibility("default"), used))
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path) {
    (void)chain;
    (void)path;
    return 0;
}
