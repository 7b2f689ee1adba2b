#include <cblas.h>

/* LAPACK's symmetric eigensolver, which OpenBLAS exports under its Fortran name. Debian's OpenBLAS
   ships no LAPACK header, so the reference interface (LAPACK 3.11, dsyevr.f) is declared here:
   every argument by pointer, column-major arrays, string lengths not passed (single characters). */
void dsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
             const int *lda, const double *vl, const double *vu, const int *il, const int *iu,
             const double *abstol, int *m, double *w, double *z, const int *ldz, int *isuppz,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
