#include "CGlibcCompat.h"

float hypotf(float x, float y);

// hypot(x, y) for floats, computed in double: the squares of two floats are exact in double and their sum is
// rounded once, so the float result matches a correctly rounded hypotf except in rare double-rounding ties.
// Infinities win over NaN, as C's Annex F requires. No libm call, so no versioned glibc symbol.
float hypotf(float x, float y) {
    if (__builtin_isinf(x) || __builtin_isinf(y)) return __builtin_inff();
    if (__builtin_isnan(x) || __builtin_isnan(y)) return x + y;
    double dx = (double)x, dy = (double)y;
    return (float)__builtin_sqrt(dx * dx + dy * dy);
}
