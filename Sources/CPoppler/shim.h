#include <poppler.h>

/* GError's fields: glib's headers are also part of CPangoCairo, which Swift then names as the owner of
   GError's members, so Swift code that imports only CPoppler reads the message through this. */
static inline const char *cpoppler_error_message(const GError *error) {
    return error != NULL ? error->message : NULL;
}
