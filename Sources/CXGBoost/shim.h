/* XGBoost's C API, loaded on first use with dlopen rather than at start-up: it and its dependencies
   cost 3 ms of every `serreport` start, and only training and `predict --model xgb` need it. The
   types and prototypes come from its header; each wrapper resolves its function once (dlsym). When
   the library cannot be loaded, every wrapper returns -1 and cxgboost_last_error says why. */
#include <dlfcn.h>
#include <stdio.h>
#include <xgboost/c_api.h>

/* Why the library or a function could not be loaded (empty when it could). */
static inline char *cxgboost_load_failure(void) {
    static char failure[512];
    return failure;
}

static inline void *cxgboost_function(const char *name) {
    static void *library;
    void *loaded = __atomic_load_n(&library, __ATOMIC_ACQUIRE);
    if (loaded == NULL) {
        loaded = dlopen("libxgboost.so.0", RTLD_NOW | RTLD_LOCAL);
        __atomic_store_n(&library, loaded, __ATOMIC_RELEASE);
    }
    void *function = loaded != NULL ? dlsym(loaded, name) : NULL;
    if (function == NULL) {
        snprintf(cxgboost_load_failure(), 512, "cannot load %s from libxgboost.so.0 (%s)", name, dlerror());
    }
    return function;
}

#define CXGBOOST_CALL(name, ...)                                                \
    static __typeof__(&name) cached;                                            \
    __typeof__(&name) function = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);    \
    if (function == NULL) {                                                     \
        function = (__typeof__(&name))cxgboost_function(#name);                 \
        if (function == NULL) return -1;                                        \
        __atomic_store_n(&cached, function, __ATOMIC_RELEASE);                  \
    }                                                                           \
    return function(__VA_ARGS__);

static inline const char *cxgboost_last_error(void) {
    if (cxgboost_load_failure()[0] != 0) return cxgboost_load_failure();
    static __typeof__(&XGBGetLastError) function;
    if (function == NULL) function = (__typeof__(&XGBGetLastError))cxgboost_function("XGBGetLastError");
    return function != NULL ? function() : cxgboost_load_failure();
}

static inline int cxgboost_matrix_create(const float *data, bst_ulong rows, bst_ulong columns, float missing,
                                         DMatrixHandle *out) {
    CXGBOOST_CALL(XGDMatrixCreateFromMat, data, rows, columns, missing, out)
}

static inline int cxgboost_matrix_set_float_info(DMatrixHandle handle, const char *field, const float *values,
                                                 bst_ulong length) {
    CXGBOOST_CALL(XGDMatrixSetFloatInfo, handle, field, values, length)
}

static inline int cxgboost_matrix_free(DMatrixHandle handle) { CXGBOOST_CALL(XGDMatrixFree, handle) }

static inline int cxgboost_booster_create(const DMatrixHandle matrices[], bst_ulong count, BoosterHandle *out) {
    CXGBOOST_CALL(XGBoosterCreate, matrices, count, out)
}

static inline int cxgboost_booster_free(BoosterHandle handle) { CXGBOOST_CALL(XGBoosterFree, handle) }

static inline int cxgboost_booster_set_param(BoosterHandle handle, const char *name, const char *value) {
    CXGBOOST_CALL(XGBoosterSetParam, handle, name, value)
}

static inline int cxgboost_booster_update(BoosterHandle handle, int iteration, DMatrixHandle training) {
    CXGBOOST_CALL(XGBoosterUpdateOneIter, handle, iteration, training)
}

static inline int cxgboost_booster_predict(BoosterHandle handle, DMatrixHandle data, int option, unsigned limit,
                                           int training, bst_ulong *length, const float **result) {
    CXGBOOST_CALL(XGBoosterPredict, handle, data, option, limit, training, length, result)
}

static inline int cxgboost_booster_save(BoosterHandle handle, const char *path) {
    CXGBOOST_CALL(XGBoosterSaveModel, handle, path)
}

static inline int cxgboost_booster_load_buffer(BoosterHandle handle, const void *bytes, bst_ulong length) {
    CXGBOOST_CALL(XGBoosterLoadModelFromBuffer, handle, bytes, length)
}
