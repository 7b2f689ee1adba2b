/* OpenBLAS, loaded on first use with dlopen rather than at start-up: it and its Fortran runtime cost
   3 ms of every `serreport` start, and only training and PCA need it. Each wrapper resolves its
   function once (dlsym) and keeps the pointer. The two enums are cblas.h's, which lives in a folder
   only pkg-config names. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_ORDER;
typedef enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 } CBLAS_TRANSPOSE;

/* The library's function `name`; a missing library or function stops the program with a message (it
   is a declared dependency, installed with libopenblas-dev). */
static inline void *copenblas_function(const char *name) {
    static void *library;
    void *loaded = __atomic_load_n(&library, __ATOMIC_ACQUIRE);
    if (loaded == NULL) {
        loaded = dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
        __atomic_store_n(&library, loaded, __ATOMIC_RELEASE);
    }
    void *function = loaded != NULL ? dlsym(loaded, name) : NULL;
    if (function == NULL) {
        fprintf(stderr, "serreport: cannot load %s from libopenblas.so.0 (%s); install libopenblas-dev\n", name,
                dlerror());
        abort();
    }
    return function;
}

#define COPENBLAS_RESOLVED(type, name)                                          \
    static type cached;                                                         \
    type function = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);                 \
    if (function == NULL) {                                                     \
        function = (type)copenblas_function(name);                              \
        __atomic_store_n(&cached, function, __ATOMIC_RELEASE);                  \
    }

static inline void copenblas_set_num_threads(int threads) {
    typedef void (*set_threads_t)(int);
    COPENBLAS_RESOLVED(set_threads_t, "openblas_set_num_threads")
    function(threads);
}

static inline void copenblas_dgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transA, CBLAS_TRANSPOSE transB, int m, int n,
                                   int k, double alpha, const double *a, int lda, const double *b, int ldb,
                                   double beta, double *c, int ldc) {
    typedef void (*dgemm_t)(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int, int, int, double, const double *, int,
                            const double *, int, double, double *, int);
    COPENBLAS_RESOLVED(dgemm_t, "cblas_dgemm")
    function(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

static inline void copenblas_sgemm(CBLAS_ORDER order, CBLAS_TRANSPOSE transA, CBLAS_TRANSPOSE transB, int m, int n,
                                   int k, float alpha, const float *a, int lda, const float *b, int ldb, float beta,
                                   float *c, int ldc) {
    typedef void (*sgemm_t)(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int, int, int, float, const float *, int,
                            const float *, int, float, float *, int);
    COPENBLAS_RESOLVED(sgemm_t, "cblas_sgemm")
    function(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

/* LAPACK's symmetric eigensolver, which OpenBLAS exports under its Fortran name. Debian's OpenBLAS
   ships no LAPACK header, so the reference interface (LAPACK 3.11, dsyevr.f) is declared here:
   every argument by pointer, column-major arrays, string lengths not passed (single characters). */
static inline void copenblas_dsyevr(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
                                    const int *lda, const double *vl, const double *vu, const int *il, const int *iu,
                                    const double *abstol, int *m, double *w, double *z, const int *ldz, int *isuppz,
                                    double *work, const int *lwork, int *iwork, const int *liwork, int *info) {
    typedef void (*dsyevr_t)(const char *, const char *, const char *, const int *, double *, const int *,
                             const double *, const double *, const int *, const int *, const double *, int *, double *,
                             double *, const int *, int *, double *, const int *, int *, const int *, int *);
    COPENBLAS_RESOLVED(dsyevr_t, "dsyevr_")
    function(jobz, range, uplo, n, a, lda, vl, vu, il, iu, abstol, m, w, z, ldz, isuppz, work, lwork, iwork, liwork,
             info);
}

/* LAPACK's balancing and small-matrix Hessenberg QR (dgebal.f, dlahqr.f, LAPACK 3.11), declared as dsyevr
   is: every argument by pointer, column-major, string lengths not passed, LOGICAL as int. dlahqr is what
   dhseqr runs for matrices under 75 rows, without its workspace queries; the roots of a polynomial are the
   eigenvalues of its (balanced) companion matrix. */
static inline void copenblas_dgebal(const char *job, const int *n, double *a, const int *lda, int *ilo, int *ihi,
                                    double *scale, int *info) {
    typedef void (*dgebal_t)(const char *, const int *, double *, const int *, int *, int *, double *, int *);
    COPENBLAS_RESOLVED(dgebal_t, "dgebal_")
    function(job, n, a, lda, ilo, ihi, scale, info);
}

static inline void copenblas_dlahqr(const int *wantt, const int *wantz, const int *n, const int *ilo, const int *ihi,
                                    double *h, const int *ldh, double *wr, double *wi, const int *iloz,
                                    const int *ihiz, double *z, const int *ldz, int *info) {
    typedef void (*dlahqr_t)(const int *, const int *, const int *, const int *, const int *, double *, const int *,
                             double *, double *, const int *, const int *, double *, const int *, int *);
    COPENBLAS_RESOLVED(dlahqr_t, "dlahqr_")
    function(wantt, wantz, n, ilo, ihi, h, ldh, wr, wi, iloz, ihiz, z, ldz, info);
}
