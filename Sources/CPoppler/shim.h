/* poppler-glib, loaded on first use with dlopen rather than at start-up: it and the libraries it pulls
   in (NSS, lcms, OpenJPEG, TIFF) cost 4 ms of every `serreport` start, and only report.pdf needs it.
   Its header needs include folders only pkg-config knows, so the few functions used are wrapped here
   on opaque pointers: a document, a page, a cairo_t. The glib functions (GBytes, GError, g_free) come
   from the same handle. When the library cannot be loaded, cpoppler_open returns NULL and says why. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>

static inline void *cpoppler_function(const char *name) {
    static void *library;
    void *loaded = __atomic_load_n(&library, __ATOMIC_ACQUIRE);
    if (loaded == NULL) {
        loaded = dlopen("libpoppler-glib.so.8", RTLD_NOW | RTLD_LOCAL);
        __atomic_store_n(&library, loaded, __ATOMIC_RELEASE);
    }
    return loaded != NULL ? dlsym(loaded, name) : NULL;
}

#define CPOPPLER_RESOLVED(type, name)                                           \
    static type cached;                                                         \
    type function = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);                 \
    if (function == NULL) {                                                     \
        function = (type)cpoppler_function(name);                               \
        __atomic_store_n(&cached, function, __ATOMIC_RELEASE);                  \
    }

/* GError's public layout (glib/gerror.h). */
struct cpoppler_gerror {
    unsigned int domain;
    int code;
    char *message;
};

/* Opens a PDF held in memory (poppler_document_new_from_bytes); NULL on failure, with the reason
   copied into `reason` (`size` bytes). Release the document with cpoppler_release. */
static inline void *cpoppler_open(const void *data, size_t length, char *reason, size_t size) {
    typedef void *(*bytes_new_t)(const void *, size_t);
    typedef void (*bytes_unref_t)(void *);
    typedef void *(*open_t)(void *, const char *, struct cpoppler_gerror **);
    typedef void (*error_free_t)(struct cpoppler_gerror *);
    CPOPPLER_RESOLVED(open_t, "poppler_document_new_from_bytes")
    bytes_new_t bytes_new = (bytes_new_t)cpoppler_function("g_bytes_new");
    bytes_unref_t bytes_unref = (bytes_unref_t)cpoppler_function("g_bytes_unref");
    error_free_t error_free = (error_free_t)cpoppler_function("g_error_free");
    if (function == NULL || bytes_new == NULL || bytes_unref == NULL || error_free == NULL) {
        snprintf(reason, size, "cannot load libpoppler-glib.so.8 (%s)", dlerror());
        return NULL;
    }
    void *bytes = bytes_new(data, length);
    struct cpoppler_gerror *error = NULL;
    void *document = function(bytes, NULL, &error);
    bytes_unref(bytes);
    if (document == NULL) {
        snprintf(reason, size, "%s", error != NULL && error->message != NULL ? error->message : "unknown error");
        if (error != NULL) error_free(error);
    }
    return document;
}

/* g_object_unref, for documents and pages. */
static inline void cpoppler_release(void *object) {
    typedef void (*unref_t)(void *);
    CPOPPLER_RESOLVED(unref_t, "g_object_unref")
    if (function != NULL && object != NULL) function(object);
}

/* g_free, for the text and rectangles Poppler returns. */
static inline void cpoppler_free(void *memory) {
    typedef void (*free_t)(void *);
    CPOPPLER_RESOLVED(free_t, "g_free")
    if (function != NULL) function(memory);
}

static inline int cpoppler_page_count(void *document) {
    typedef int (*count_t)(void *);
    CPOPPLER_RESOLVED(count_t, "poppler_document_get_n_pages")
    return function != NULL ? function(document) : 0;
}

static inline void *cpoppler_page(void *document, int index) {
    typedef void *(*page_t)(void *, int);
    CPOPPLER_RESOLVED(page_t, "poppler_document_get_page")
    return function != NULL ? function(document, index) : NULL;
}

static inline void cpoppler_page_size(void *page, double *width, double *height) {
    typedef void (*size_t_)(void *, double *, double *);
    CPOPPLER_RESOLVED(size_t_, "poppler_page_get_size")
    if (function != NULL) function(page, width, height);
}

/* Draws the page onto a cairo_t (poppler_page_render): vectors, images and glyphs, as Cairo calls. */
static inline void cpoppler_render(void *page, void *cairo) {
    typedef void (*render_t)(void *, void *);
    CPOPPLER_RESOLVED(render_t, "poppler_page_render")
    if (function != NULL) function(page, cairo);
}

/* The page's text (poppler_page_get_text); free with cpoppler_free. */
static inline char *cpoppler_page_text(void *page) {
    typedef char *(*text_t)(void *);
    CPOPPLER_RESOLVED(text_t, "poppler_page_get_text")
    return function != NULL ? function(page) : NULL;
}

/* Each character's box as x1, y1, x2, y2 (poppler_page_get_text_layout's PopplerRectangle array);
   free with cpoppler_free. */
static inline int cpoppler_page_text_layout(void *page, double **boxes, unsigned int *count) {
    typedef int (*layout_t)(void *, double **, unsigned int *);
    CPOPPLER_RESOLVED(layout_t, "poppler_page_get_text_layout")
    return function != NULL ? function(page, boxes, count) : 0;
}
