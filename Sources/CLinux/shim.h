// Linux system calls that Swift's Glibc module does not declare (glibc declares them only under
// _GNU_SOURCE): renameat2, to swap a report folder in whole, and syncfs. Called through syscall(2),
// which is variadic, so each has a static inline wrapper Swift can call. Elsewhere both fail with
// ENOSYS, and callers take their fallback.
#include <errno.h>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

/// renameat2's flags, as <linux/fs.h> defines them.
static const unsigned int CLINUX_RENAME_NOREPLACE = 1u << 0;
static const unsigned int CLINUX_RENAME_EXCHANGE = 1u << 1;

/// renameat2(2): `flags` 0, CLINUX_RENAME_NOREPLACE or CLINUX_RENAME_EXCHANGE; -1 and errno on failure.
static inline int clinux_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
                                   unsigned int flags) {
#if defined(__linux__)
    return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, flags);
#else
    errno = ENOSYS;
    return -1;
#endif
}

/// syncfs(2): flushes the file system holding `fd` to disk; -1 and errno on failure.
static inline int clinux_syncfs(int fd) {
#if defined(__linux__)
    return (int)syscall(SYS_syncfs, fd);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#include <stdio.h>

/// fflush(stdout): C's `stdout` is a mutable global Swift's concurrency checks refuse to read.
static inline int clinux_flush_stdout(void) { return fflush(stdout); }
