#include <linear.h>

/* liblinear prints training progress through a callback; this one drops it. */
static inline void cliblinear_quiet_print(const char *text) { (void)text; }
static inline void cliblinear_silence(void) { set_print_string_function(cliblinear_quiet_print); }
