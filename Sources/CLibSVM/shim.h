#include <libsvm/svm.h>
#include <stdlib.h>

/* libsvm's probability estimates use the C library's rand(); seeding it is how they are reproduced. */
static inline void clibsvm_seed(unsigned int seed) { srand(seed); }

/* libsvm prints training progress through a callback; this one drops it. */
static inline void clibsvm_quiet_print(const char *text) { (void)text; }
static inline void clibsvm_silence(void) { svm_set_print_string_function(clibsvm_quiet_print); }
