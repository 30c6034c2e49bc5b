#ifndef PROMPTMCP_CSANDBOX_H
#define PROMPTMCP_CSANDBOX_H

/* The part of the test-gate sandbox that must run between fork() and execve(), where only
   async-signal-safe calls are allowed, so it cannot be written in Swift. The Swift supervisor
   (PromptMCPKit/Sandbox) does everything else: pipes, the clock, killing, reporting. */

#include <sys/types.h>

/* A limit left at this value keeps what the parent has. */
#define CSANDBOX_KEEP (-1LL)

typedef struct {
    long long cpu_seconds;   /* RLIMIT_CPU: SIGXCPU at this many seconds, SIGKILL one later */
    long long address_space; /* RLIMIT_AS, bytes */
    long long data_size;     /* RLIMIT_DATA, bytes */
    long long file_size;     /* RLIMIT_FSIZE, bytes: a larger write gets SIGXFSZ or EFBIG */
    long long processes;     /* RLIMIT_NPROC: counts every process of the uid; ignored for root */
    long long open_files;    /* RLIMIT_NOFILE */
} csandbox_limits;

/* One step of building a gate's file system, in order, inside the new root. */
typedef enum {
    CSANDBOX_MOUNT_BIND = 1, /* source (a folder or a file) at target; read-only unless writable */
    CSANDBOX_MOUNT_SYMLINK,  /* a symlink at target pointing to source (merged /usr: /bin -> usr/bin) */
    CSANDBOX_MOUNT_TMPFS,    /* an empty tmpfs at target; read-only unless writable (masks .git) */
    CSANDBOX_MOUNT_PROC,     /* a proc of the new PID namespace at target */
} csandbox_mount_kind;

typedef struct {
    int kind;                /* a csandbox_mount_kind */
    const char *source;
    const char *target;      /* absolute, as the gate sees it */
    int writable;
} csandbox_mount;

typedef struct {
    /* Paths to try in order with execve (a PATH search done by the parent, tried by the child
       under its final uid, so a folder it cannot enter is skipped); NULL-terminated. */
    char *const *candidates;
    char *const *argv;
    char *const *envp;
    const char *workdir;
    int stdout_fd;           /* write ends the child's stdout and stderr go to; stdin is /dev/null */
    int stderr_fd;
    csandbox_limits limits;
    int uid;                 /* -1: keep the caller's uid and gid */
    int gid;
    int isolate_network;     /* new network namespace (plus a user namespace when not root) */
    /* The sandbox: new mount and PID namespaces (plus a user namespace when not root), a root
       built from `mounts` on a tmpfs at `new_root` (an empty folder of the caller's), and a
       seccomp filter. The command then runs as PID 2 under a small init (PID 1) that reaps
       orphans; when it ends, the kernel kills every process left in the namespace. */
    int isolate_filesystem;
    const char *new_root;
    const csandbox_mount *mounts;
    int mount_count;
} csandbox_spec;

/* Which set-up step failed in the child; the Swift side turns it into words. */
typedef enum {
    CSANDBOX_STAGE_NONE = 0,
    CSANDBOX_STAGE_FORK,
    CSANDBOX_STAGE_SESSION,
    CSANDBOX_STAGE_NETWORK,
    CSANDBOX_STAGE_LIMITS,
    CSANDBOX_STAGE_WORKDIR,
    CSANDBOX_STAGE_STREAMS,
    CSANDBOX_STAGE_PRIVILEGES,
    CSANDBOX_STAGE_EXEC,
    CSANDBOX_STAGE_NAMESPACES,  /* unshare of the mount/PID (and user) namespaces refused */
    CSANDBOX_STAGE_MOUNTS,      /* building the root failed; `detail` is the mount's index */
    CSANDBOX_STAGE_SECCOMP,
} csandbox_stage;

typedef struct {
    int stage;  /* a csandbox_stage */
    int error;  /* errno */
    int detail; /* CSANDBOX_STAGE_MOUNTS: which mount; -1 for the root itself */
} csandbox_failure;

/* Forks a child in a new session and process group, with default signal handling, the
   limits applied, stdin from /dev/null, no other descriptors, and (when asked) the given
   uid and a private network namespace; then execs. Returns the child's pid once execve
   succeeded, or -1 with *failure filled in (the child has then been reaped). */
pid_t csandbox_spawn(const csandbox_spec *spec, csandbox_failure *failure);

/* Builds the root described by spec->mounts and pivots into it (in the child, after unshare). */
int csandbox_build_root(const csandbox_spec *spec, int *failed_mount);

/* Installs the seccomp filter that refuses what a test never needs (ptrace, mount, kexec,
   bpf, keyctl, module loading, namespaces, ...) with EPERM. Needs no_new_privs set. */
int csandbox_filter_syscalls(void);

/* A close-on-exec pipe (pipe2, which Swift's Glibc module does not export), both ends above
   2 so that a child's dup2 onto the standard streams cannot overwrite one. 0 or -1/errno. */
int csandbox_pipe(int fds[2]);

/* pidfd_open(2), which Swift cannot call: syscall() is variadic. -1 with errno on failure. */
int csandbox_pidfd_open(pid_t pid);

/* Deferred interrupts: while installed, SIGINT, SIGTERM and SIGHUP do not end the process but
   make the returned descriptor readable (and stay so), so a supervisor polling it can kill
   its child and remove its folders first. Installs nest; the last uninstall restores the
   previous handlers and returns the first signal caught (0 if none), for the caller to raise. */
int csandbox_interrupts_install(void);
int csandbox_interrupts_caught(void);
int csandbox_interrupts_uninstall(void);

/* Gives a folder tree to uid:gid (symlinks themselves, never their targets). 0 or -1/errno. */
int csandbox_chown_tree(const char *path, int uid, int gid);

/* Removes a folder tree, making folders writable first so a test that left read-only
   folders behind cannot keep its files around. 0, or -1 with errno of the first failure. */
int csandbox_remove_tree(const char *path);

#endif
