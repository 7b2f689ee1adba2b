#include <errno.h>
#include <libsvm/svm.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* libsvm's probability estimates use the C library's rand(); seeding it is how they are reproduced. */
static inline void clibsvm_seed(unsigned int seed) { srand(seed); }

/* libsvm prints training progress through a callback; this one drops it. */
static inline void clibsvm_quiet_print(const char *text) { (void)text; }
static inline void clibsvm_silence(void) { svm_set_print_string_function(clibsvm_quiet_print); }

/* Writes all of text to fd; 0, or -1 with errno set. */
static inline int clibsvm_write_all(int fd, const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(fd, text, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        text += written;
        length -= (size_t)written;
    }
    return 0;
}

/* svm_load_model reads only a named file, and trusts it. This hands it model text the caller has
   already checked, from memory: through an anonymous memory file (memfd) it opens as
   /proc/self/fd/N or, where either is unavailable, a private temporary file removed at once. So
   libsvm reads exactly the checked bytes, never the user's file again. On NULL, *failed_errno is
   the errno of the step that failed, or 0 when libsvm itself refused the text. */
static inline struct svm_model *clibsvm_load_model_text(const char *text, size_t length, int *failed_errno) {
    char path[4096];
    int temporary = 0;
    int fd = (int)syscall(SYS_memfd_create, "serreport-svm-model", 1u /* MFD_CLOEXEC */);
    if (fd >= 0) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        if (access(path, R_OK) != 0) {
            close(fd);
            fd = -1;
        }
    }
    if (fd < 0) {
        const char *folder = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/serreport-svm-XXXXXX", folder != NULL && folder[0] != 0 ? folder : "/tmp");
        fd = mkstemp(path);
        if (fd < 0) {
            *failed_errno = errno;
            return NULL;
        }
        temporary = 1;
    }
    struct svm_model *model = NULL;
    *failed_errno = 0;
    if (clibsvm_write_all(fd, text, length) == 0) {
        model = svm_load_model(path);
    } else {
        *failed_errno = errno;
    }
    if (temporary) unlink(path);
    close(fd);
    return model;
}
