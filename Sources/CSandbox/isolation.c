/* The file system and system-call side of the test-gate sandbox, run in the child between
   fork() and execve(): only system calls and stack buffers, nothing that allocates. */

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

/* MARK: the root */

/* root + path into `out`; -1 (ENAMETOOLONG) when it does not fit. */
static int join(char out[PATH_MAX], const char *root, const char *path) {
    size_t a = strlen(root), b = strlen(path);
    if (a + b + 1 > PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(out, root, a);
    memcpy(out + a, path, b + 1);
    return 0;
}

/* mkdir -p, for folders inside the new root (which holds nothing but what we made). */
static int make_folders(char *path) {
    for (char *slash = path + 1; *slash; slash++) {
        if (*slash != '/') continue;
        *slash = 0;
        int result = mkdir(path, 0755);
        *slash = '/';
        if (result != 0 && errno != EEXIST) return -1;
    }
    return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* The mount point: a folder for a folder, an empty file for a file (a bind needs the same kind). */
static int make_mount_point(char *path, int is_folder) {
    char *slash = strrchr(path, '/');
    if (slash != NULL && slash != path) {
        *slash = 0;
        int result = make_folders(path);
        *slash = '/';
        if (result != 0) return -1;
    }
    if (is_folder) return make_folders(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return errno == EEXIST ? 0 : -1;
    close(fd);
    return 0;
}

/* A read-only bind must keep the flags the source mount has (nosuid, nodev, noexec, ...):
   in a user namespace the kernel refuses a remount that would drop a locked one. */
static unsigned long kept_flags(const char *path) {
    struct statvfs info;
    if (statvfs(path, &info) != 0) return 0;
    unsigned long flags = 0;
    if (info.f_flag & ST_NOSUID) flags |= MS_NOSUID;
    if (info.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (info.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (info.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (info.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
    if (info.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    return flags;
}

static int bind_step(const csandbox_mount *step, char *target) {
    struct stat info;
    if (stat(step->source, &info) != 0) return -1;
    if (make_mount_point(target, S_ISDIR(info.st_mode)) != 0) return -1;
    if (mount(step->source, target, NULL, MS_BIND | MS_REC, NULL) != 0) return -1;
    if (step->writable) return 0;
    return mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | kept_flags(target), NULL);
}

static int apply(const csandbox_mount *step, const char *root) {
    char target[PATH_MAX];
    if (join(target, root, step->target) != 0) return -1;
    switch (step->kind) {
    case CSANDBOX_MOUNT_BIND:
        return bind_step(step, target);
    case CSANDBOX_MOUNT_SYMLINK:
        if (make_mount_point(target, 1) != 0 || rmdir(target) != 0) return -1;
        return symlink(step->source, target);
    case CSANDBOX_MOUNT_TMPFS: {
        unsigned long flags = MS_NOSUID | MS_NODEV | (step->writable ? 0 : MS_RDONLY);
        if (make_mount_point(target, 1) != 0) return -1;
        return mount("tmpfs", target, "tmpfs", flags, "mode=0755");
    }
    case CSANDBOX_MOUNT_PROC:
        if (make_mount_point(target, 1) != 0) return -1;
        return mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
    default:
        errno = EINVAL;
        return -1;
    }
}

int csandbox_build_root(const csandbox_spec *spec, int *failed_mount) {
    *failed_mount = -1;
    const char *root = spec->new_root;
    /* Nothing done here may reach the caller's mount namespace. */
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return -1;
    if (mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") != 0) return -1;
    for (int i = 0; i < spec->mount_count; i++) {
        if (apply(&spec->mounts[i], root) != 0) {
            *failed_mount = i;
            return -1;
        }
    }
    /* pivot_root(".", "."), then detach the old root stacked on top: no path leads back. */
    if (chdir(root) != 0) return -1;
    if (syscall(SYS_pivot_root, ".", ".") != 0) return -1;
    if (umount2(".", MNT_DETACH) != 0) return -1;
    if (chdir("/") != 0) return -1;
    /* The root itself read-only: a gate writes only to its snapshot, its HOME and /tmp. */
    return mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL);
}

/* MARK: system calls */

#if defined(__x86_64__)
#define FILTER_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define FILTER_ARCH AUDIT_ARCH_AARCH64
#endif

#ifdef FILTER_ARCH
/* What a test suite never needs, and what would let it reach past the sandbox: debugging other
   processes, mounts and namespaces, the kernel's keyring, BPF, modules, kexec, the clock,
   swap, reboot, raw I/O ports, and file handles that bypass the mount tree. */
static const int refused[] = {
    SYS_ptrace, SYS_process_vm_readv, SYS_process_vm_writev, SYS_kcmp,
    SYS_mount, SYS_umount2, SYS_pivot_root, SYS_chroot, SYS_unshare, SYS_setns,
#ifdef SYS_open_tree
    SYS_open_tree, SYS_move_mount, SYS_fsopen, SYS_fsconfig, SYS_fsmount, SYS_fspick,
#endif
#ifdef SYS_mount_setattr
    SYS_mount_setattr,
#endif
    SYS_bpf, SYS_perf_event_open, SYS_userfaultfd, SYS_keyctl, SYS_add_key, SYS_request_key,
    SYS_init_module, SYS_finit_module, SYS_delete_module, SYS_kexec_load,
#ifdef SYS_kexec_file_load
    SYS_kexec_file_load,
#endif
    SYS_reboot, SYS_swapon, SYS_swapoff, SYS_acct, SYS_quotactl, SYS_syslog, SYS_vhangup,
    SYS_settimeofday, SYS_clock_settime, SYS_clock_adjtime, SYS_adjtimex,
    SYS_open_by_handle_at, SYS_name_to_handle_at,
#ifdef SYS_iopl
    SYS_iopl, SYS_ioperm,
#endif
};
enum { REFUSED_COUNT = sizeof refused / sizeof refused[0] };

/* clone() flags that make namespaces; clone3 passes its flags in memory, where a filter
   cannot look, so it answers ENOSYS and libc falls back to clone(). */
#define NAMESPACE_FLAGS (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP)

int csandbox_filter_syscalls(void) {
    /* 4 to load and check the architecture, 2 a refused call, 9 for x32, clone3 and clone. */
    struct sock_filter program[4 + 2 * REFUSED_COUNT + 9];
    int n = 0;
    /* Another architecture's numbers (x32, i386 through int 0x80) mean other calls: refuse. */
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FILTER_ARCH, 1, 0);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    for (int i = 0; i < REFUSED_COUNT; i++) {
        program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)refused[i], 0, 1);
        program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
    }
#if defined(__x86_64__)
    /* x32 numbers carry this bit on the same architecture value. */
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000U, 0, 1);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
#endif
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 3);
    /* clone's flags: the low 32 bits of its first argument on both architectures. */
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NAMESPACE_FLAGS, 0, 1);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog filter = { .len = (unsigned short)n, .filter = program };
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter, 0, 0);
}
#else
int csandbox_filter_syscalls(void) {
    errno = ENOSYS;
    return -1;
}
#endif
