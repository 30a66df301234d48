#ifndef CLIBDEFLATE_SHIM_H
#define CLIBDEFLATE_SHIM_H
/// libdeflate (libdeflate-dev), linked statically (Package.swift): whole-buffer gzip, both
/// ways: decompression about 3x faster than zlib's streaming inflate, compression at level 1
/// about 2x faster than zlib's, with a CRC-32 that uses the CPU's carry-less multiply.
#include <libdeflate.h>
#endif
