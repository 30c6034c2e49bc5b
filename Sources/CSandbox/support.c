/* Deferred interrupts and folder-tree helpers for the test-gate sandbox. */

#define _GNU_SOURCE
#include "csandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* MARK: deferred interrupts */

static const int watched[] = { SIGINT, SIGTERM, SIGHUP };
enum { WATCHED_COUNT = sizeof watched / sizeof watched[0] };

static pthread_mutex_t interrupts_lock = PTHREAD_MUTEX_INITIALIZER;
static int installs = 0;
/* Made once and never closed: a handler running on another thread during an uninstall must
   never write to a closed (or reused) descriptor. Never drained while installed, so it stays
   readable for every supervisor polling it. */
static int signal_pipe[2] = { -1, -1 };
static volatile sig_atomic_t caught_signal = 0;
static struct sigaction previous_actions[WATCHED_COUNT];
static int replaced[WATCHED_COUNT];

static void on_interrupt(int sig) {
    int saved = errno;
    if (caught_signal == 0) caught_signal = sig;
    char byte = 1;
    ssize_t written = write(signal_pipe[1], &byte, 1);
    (void)written;
    errno = saved;
}

static void drain_signal_pipe(void) {
    char buffer[64];
    while (read(signal_pipe[0], buffer, sizeof buffer) > 0) {}
}

int csandbox_interrupts_install(void) {
    pthread_mutex_lock(&interrupts_lock);
    int fd = -1;
    if (signal_pipe[0] < 0 && pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) goto done;
    if (installs++ == 0) {
        drain_signal_pipe();
        caught_signal = 0;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_interrupt;
        action.sa_flags = SA_RESTART;
        sigfillset(&action.sa_mask);
        for (int i = 0; i < WATCHED_COUNT; i++) {
            struct sigaction current;
            sigaction(watched[i], NULL, &current);
            /* A signal the process ignores (nohup's SIGHUP) stays ignored. */
            replaced[i] = current.sa_handler != SIG_IGN;
            if (replaced[i]) sigaction(watched[i], &action, &previous_actions[i]);
        }
    }
    fd = signal_pipe[0];
done:
    pthread_mutex_unlock(&interrupts_lock);
    return fd;
}

int csandbox_interrupts_caught(void) {
    return caught_signal;
}

int csandbox_interrupts_uninstall(void) {
    pthread_mutex_lock(&interrupts_lock);
    int sig = 0;
    if (installs > 0 && --installs == 0) {
        for (int i = 0; i < WATCHED_COUNT; i++) {
            if (replaced[i]) sigaction(watched[i], &previous_actions[i], NULL);
        }
        sig = caught_signal;
        caught_signal = 0;
        drain_signal_pipe();
    }
    pthread_mutex_unlock(&interrupts_lock);
    return sig;
}

/* MARK: folder trees */

static __thread uid_t chown_uid;
static __thread gid_t chown_gid;

static int chown_entry(const char *path, const struct stat *info, int type, struct FTW *where) {
    (void)info;
    (void)type;
    (void)where;
    return lchown(path, chown_uid, chown_gid) == 0 ? 0 : -1;
}

int csandbox_chown_tree(const char *path, int uid, int gid) {
    chown_uid = (uid_t)uid;
    chown_gid = (gid_t)gid;
    return nftw(path, chown_entry, 32, FTW_PHYS) == 0 ? 0 : -1;
}

/* Removes `name` in the folder `parent_fd`, descending with descriptors (never paths, so a
   symlink swapped in cannot redirect the removal). Depth is capped to bound descriptors. */
static int remove_at(int parent_fd, const char *name, int depth) {
    if (unlinkat(parent_fd, name, 0) == 0 || errno == ENOENT) return 0;
    if (errno != EISDIR || depth > 1024) return -1;
    /* A read-only folder would keep its entries; if this fails, openat or unlinkat says why. */
    int chmod_result = fchmodat(parent_fd, name, 0700, 0);
    (void)chmod_result;
    int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    DIR *folder = fdopendir(fd);
    if (folder == NULL) {
        close(fd);
        return -1;
    }
    int result = 0, first_error = 0;
    for (int pass = 0;; pass++) {
        struct dirent *entry;
        while ((entry = readdir(folder)) != NULL) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
            if (remove_at(fd, entry->d_name, depth + 1) != 0 && first_error == 0) first_error = errno;
        }
        if (unlinkat(parent_fd, name, AT_REMOVEDIR) == 0) break;
        /* Entries removed while reading may hide others from readdir: look once more. */
        if (errno != ENOTEMPTY || pass == 1) {
            if (first_error == 0) first_error = errno;
            result = -1;
            break;
        }
        rewinddir(folder);
    }
    closedir(folder);
    if (result != 0) errno = first_error;
    return result;
}

int csandbox_remove_tree(const char *path) {
    return remove_at(AT_FDCWD, path, 0);
}
