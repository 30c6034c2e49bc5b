/* fork + child set-up + execve for test gates. Between fork() and execve() the child of a
   multi-threaded process may only make async-signal-safe calls: no malloc, no stdio, no
   locks. Everything that needs formatting is prepared by the parent before fork(). */

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* What the child needs beyond the spec, computed before fork(). */
typedef struct {
    int report_fd;      /* close-on-exec pipe: a csandbox_failure if set-up fails, EOF if exec works */
    int is_root;
    pid_t parent;
    char uid_map[64];   /* "outer-uid outer-uid 1" for a new user namespace */
    char gid_map[64];
} child_context;

static void fail_at(const child_context *context, int stage, int detail) {
    csandbox_failure failure = { stage, errno, detail };
    ssize_t written = write(context->report_fd, &failure, sizeof failure);
    (void)written;
    _exit(127);
}

static void fail(const child_context *context, int stage) {
    fail_at(context, stage, 0);
}

/* Handlers and the blocked mask survive fork(); the child starts from defaults, so a test
   that relies on SIGPIPE or SIGXFSZ killing it behaves as it would in a terminal. */
static void reset_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) {
        sigaction(sig, &action, NULL); /* fails harmlessly for SIGKILL, SIGSTOP and libc's own */
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t length = strlen(text);
    ssize_t written = write(fd, text, length);
    int saved = errno;
    close(fd);
    errno = saved;
    return written == (ssize_t)length ? 0 : -1;
}

/* A new network namespace has only a loopback interface, and it is down. Bringing it up lets
   a test suite talk to servers it starts itself, on its own 127.0.0.1, never the host's. */
static void loopback_up(void) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    struct ifreq request;
    memset(&request, 0, sizeof request);
    memcpy(request.ifr_name, "lo", 3);
    if (ioctl(fd, SIOCGIFFLAGS, &request) == 0) {
        request.ifr_flags |= IFF_UP | IFF_RUNNING;
        ioctl(fd, SIOCSIFFLAGS, &request);
    }
    close(fd);
}

/* Root may create namespaces directly. Anyone else needs a user namespace first, mapping
   only their own uid and gid, so nothing gains privilege outside it. */
static int enter_namespaces(const child_context *context, int flags) {
    if (context->is_root) return unshare(flags);
    if (unshare(CLONE_NEWUSER | flags) != 0) return -1;
    if (write_text("/proc/self/setgroups", "deny") != 0) return -1;
    if (write_text("/proc/self/uid_map", context->uid_map) != 0) return -1;
    return write_text("/proc/self/gid_map", context->gid_map);
}

static int isolate_network(const child_context *context) {
    if (enter_namespaces(context, CLONE_NEWNET) != 0) return -1;
    loopback_up();
    return 0;
}

/* Never above the current hard limit: an unprivileged caller may not raise it. */
static int set_limit(int resource, long long value, long long hard_extra) {
    if (value < 0) return 0;
    struct rlimit current;
    if (getrlimit(resource, &current) != 0) return -1;
    struct rlimit limit = { (rlim_t)value, (rlim_t)(value + hard_extra) };
    if (current.rlim_max != RLIM_INFINITY) {
        if (limit.rlim_cur > current.rlim_max) limit.rlim_cur = current.rlim_max;
        if (limit.rlim_max > current.rlim_max) limit.rlim_max = current.rlim_max;
    }
    return setrlimit(resource, &limit);
}

static int apply_limits(const csandbox_limits *limits) {
    /* The soft CPU limit sends SIGXCPU; the hard one, a second later, SIGKILL for a child
       that catches SIGXCPU. No core files: a crashing suite must not fill the disk. */
    if (set_limit(RLIMIT_CPU, limits->cpu_seconds, 1) != 0) return -1;
    if (set_limit(RLIMIT_AS, limits->address_space, 0) != 0) return -1;
    if (set_limit(RLIMIT_DATA, limits->data_size, 0) != 0) return -1;
    if (set_limit(RLIMIT_FSIZE, limits->file_size, 0) != 0) return -1;
    if (set_limit(RLIMIT_NPROC, limits->processes, 0) != 0) return -1;
    if (set_limit(RLIMIT_NOFILE, limits->open_files, 0) != 0) return -1;
    return set_limit(RLIMIT_CORE, 0, 0);
}

/* stdin from /dev/null, stdout and stderr to the pipes, every other descriptor closed at exec.
   Sources are first moved above 2 so that none is overwritten by an earlier dup2. */
static int redirect_streams(const csandbox_spec *spec) {
    int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null_fd < 0) return -1;
    int sources[3] = {
        fcntl(null_fd, F_DUPFD_CLOEXEC, 3),
        fcntl(spec->stdout_fd, F_DUPFD_CLOEXEC, 3),
        fcntl(spec->stderr_fd, F_DUPFD_CLOEXEC, 3),
    };
    for (int target = 0; target < 3; target++) {
        if (sources[target] < 0 || dup2(sources[target], target) < 0) return -1;
    }
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
        /* Kernels before 5.11: mark them one by one. */
        struct rlimit files;
        long highest = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY ? (long)files.rlim_cur : 65536;
        for (long fd = 3; fd < highest; fd++) fcntl((int)fd, F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

static int drop_privileges(const csandbox_spec *spec, const child_context *context, pid_t parent) {
    if (spec->uid >= 0) {
        if (setgroups(0, NULL) != 0) return -1;
        if (setgid((gid_t)spec->gid) != 0) return -1;
        if (setuid((uid_t)spec->uid) != 0) return -1;
    }
    /* setuid programs (sudo, ping) must not regain what was dropped. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    /* Set after the uid change, which clears it: if the supervisor dies, so does the leader. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) return -1;
    if (getppid() != parent) _exit(127);
    return 0;
}

/* Tries each candidate path as execvp would: a missing or unreadable one is skipped, and
   EACCES wins over ENOENT in the report ("found but not allowed" is the more useful). */
static void exec_first(const csandbox_spec *spec) {
    int denied = 0;
    int error = ENOENT;
    for (char *const *candidate = spec->candidates; *candidate != NULL; candidate++) {
        execve(*candidate, spec->argv, spec->envp);
        if (errno == EACCES) {
            denied = 1;
        } else if (errno != ENOENT && errno != ENOTDIR) {
            error = errno;
            break;
        }
    }
    errno = denied && error == ENOENT ? EACCES : error;
}

/* The command's own set-up, then execve. `parent` is who must still be there (the
   supervisor, or the sandbox's init: PID 1). */
static void run_command(const csandbox_spec *spec, const child_context *context, pid_t parent) {
    if (spec->workdir != NULL && chdir(spec->workdir) != 0) fail(context, CSANDBOX_STAGE_WORKDIR);
    if (redirect_streams(spec) != 0) fail(context, CSANDBOX_STAGE_STREAMS);
    if (apply_limits(&spec->limits) != 0) fail(context, CSANDBOX_STAGE_LIMITS);
    if (drop_privileges(spec, context, parent) != 0) fail(context, CSANDBOX_STAGE_PRIVILEGES);
    if (spec->isolate_filesystem && csandbox_filter_syscalls() != 0) fail(context, CSANDBOX_STAGE_SECCOMP);
    exec_first(spec);
    fail(context, CSANDBOX_STAGE_EXEC);
}

/* PID 1 of the gate's namespace: builds the root, starts the command, reaps every orphan, and
   sends the command's wait status to the leader. Its exit ends the namespace: the kernel
   kills whatever is left (daemons, setsid children, double forks). */
static void run_init(const csandbox_spec *spec, const child_context *context, int status_fd) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail(context, CSANDBOX_STAGE_PRIVILEGES);
    if (spec->isolate_network) loopback_up();
    int failed_mount;
    if (csandbox_build_root(spec, &failed_mount) != 0) fail_at(context, CSANDBOX_STAGE_MOUNTS, failed_mount);
    pid_t command = fork();
    if (command < 0) fail(context, CSANDBOX_STAGE_FORK);
    if (command == 0) {
        close(status_fd);
        run_command(spec, context, 1);
    }
    close(context->report_fd);
    int status = 0;
    for (;;) {
        int raw;
        pid_t pid = waitpid(-1, &raw, 0);
        if (pid == command) {
            status = raw;
            break;
        }
        if (pid < 0 && errno != EINTR) break;
    }
    ssize_t written = write(status_fd, &status, sizeof status);
    (void)written;
    _exit(0);
}

/* The leader the supervisor watches, outside the new PID namespace (unshare moves only the
   children into it): waits for init and ends as the command ended, by the same signal. */
static void run_isolated(const csandbox_spec *spec, const child_context *context) {
    int flags = CLONE_NEWNS | CLONE_NEWPID | (spec->isolate_network ? CLONE_NEWNET : 0);
    if (enter_namespaces(context, flags) != 0) fail(context, CSANDBOX_STAGE_NAMESPACES);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail(context, CSANDBOX_STAGE_PRIVILEGES);
    if (getppid() != context->parent) _exit(127);
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) fail(context, CSANDBOX_STAGE_FORK);
    pid_t init = fork();
    if (init < 0) fail(context, CSANDBOX_STAGE_FORK);
    if (init == 0) {
        close(status_pipe[0]);
        run_init(spec, context, status_pipe[1]);
    }
    close(status_pipe[1]);
    close(context->report_fd);
    int status;
    ssize_t count;
    do {
        count = read(status_pipe[0], &status, sizeof status);
    } while (count < 0 && errno == EINTR);
    while (waitpid(init, NULL, 0) < 0 && errno == EINTR) {}
    if (count != (ssize_t)sizeof status) raise(SIGKILL); /* init was killed: so was the command */
    if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
    raise(WTERMSIG(status)); /* default actions since reset_signals; no core (RLIMIT_CORE 0) */
    _exit(128 + WTERMSIG(status));
}

static void run_child(const csandbox_spec *spec, const child_context *context) {
    reset_signals();
    if (setsid() < 0) fail(context, CSANDBOX_STAGE_SESSION);
    if (spec->isolate_filesystem) {
        struct rlimit no_core = { 0, 0 };
        setrlimit(RLIMIT_CORE, &no_core);
        run_isolated(spec, context);
    }
    if (spec->isolate_network && isolate_network(context) != 0) fail(context, CSANDBOX_STAGE_NETWORK);
    run_command(spec, context, context->parent);
}

/* A descriptor above 2, so that the child's dup2 onto 0-2 cannot overwrite it. */
static int above_standard(int fd) {
    if (fd > 2) return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    close(fd);
    return moved;
}

int csandbox_pipe(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) return -1;
    fds[0] = above_standard(fds[0]);
    fds[1] = above_standard(fds[1]);
    if (fds[0] >= 0 && fds[1] >= 0) return 0;
    int saved = errno;
    if (fds[0] >= 0) close(fds[0]);
    if (fds[1] >= 0) close(fds[1]);
    errno = saved;
    return -1;
}

pid_t csandbox_spawn(const csandbox_spec *spec, csandbox_failure *failure) {
    failure->stage = CSANDBOX_STAGE_NONE;
    failure->error = 0;
    failure->detail = 0;
    int fds[2];
    if (csandbox_pipe(fds) != 0) {
        failure->stage = CSANDBOX_STAGE_FORK;
        failure->error = errno;
        return -1;
    }
    child_context context = { .report_fd = fds[1], .is_root = geteuid() == 0, .parent = getpid() };
    snprintf(context.uid_map, sizeof context.uid_map, "%u %u 1", (unsigned)geteuid(), (unsigned)geteuid());
    snprintf(context.gid_map, sizeof context.gid_map, "%u %u 1", (unsigned)getegid(), (unsigned)getegid());

    /* Blocked across fork() so that no handler of ours runs in the child before the reset. */
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        run_child(spec, &context);
    }
    int fork_error = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        failure->stage = CSANDBOX_STAGE_FORK;
        failure->error = fork_error;
        return -1;
    }
    csandbox_failure reported;
    ssize_t count;
    do {
        count = read(fds[0], &reported, sizeof reported);
    } while (count < 0 && errno == EINTR);
    close(fds[0]);
    if (count == (ssize_t)sizeof reported) {
        *failure = reported;
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
        return -1;
    }
    return pid;
}

int csandbox_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}
