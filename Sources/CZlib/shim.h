// zlib from Debian's zlib1g-dev. deflateInit2/inflateInit2 are macros, which Swift cannot
// call: these wrappers pass the version and struct size the macros would.
#pragma once
#include <zlib.h>

static inline int wisp_deflate_init(z_stream *s, int level, int window_bits) {
    // Negative window bits: raw deflate, no zlib header (RFC 7692 §7.2.1).
    return deflateInit2(s, level, Z_DEFLATED, -window_bits, 8, Z_DEFAULT_STRATEGY);
}

static inline int wisp_inflate_init(z_stream *s, int window_bits) {
    return inflateInit2(s, -window_bits);
}
