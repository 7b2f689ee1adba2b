#include <sndfile.h>
#include <stdio.h>

/// Points C's `stderr` stream at `replacement` and returns the stream it pointed at: Swift 6 cannot
/// assign the C global itself. Used to keep libmpg123 (under libsndfile) from printing while a file
/// is decoded; file descriptor 2 is never touched.
static inline FILE *serreport_swap_stderr(FILE *replacement) {
    FILE *previous = stderr;
    fflush(previous);
    stderr = replacement;
    return previous;
}
