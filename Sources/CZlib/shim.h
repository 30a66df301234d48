#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>

/// `deflateInit2` is a C macro, which Swift cannot call: wrap it.
/// windowBits 15 + 16 selects the gzip wrapper (RFC 1952), which ClickHouse's
/// `Content-Encoding: gzip` expects.
static inline int czlib_deflateInit2_gzip(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// Inflate with automatic zlib/gzip header detection (tests read gzip bodies back).
static inline int czlib_inflateInit2_auto(z_streamp strm) {
    return inflateInit2(strm, 15 + 32);
}
#endif
