#ifndef PROMPTMCP_CGIT2_SHIM_H
#define PROMPTMCP_CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>

/* git_libgit2_opts is variadic, which Swift cannot call: wrap the options we use. */

/* Skip the object hash check when reading blobs: the objects come from the local
   object database that git itself wrote, and hashing every blob twice costs time
   on large changes. */
static inline int promptmcp_disable_hash_verification(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

#endif
