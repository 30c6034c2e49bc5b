// This module only defines a symbol that libgit2 binds to at run time (skip_ca_bundle.c); it
// declares nothing for Swift.
