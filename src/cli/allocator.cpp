// The program's memory allocator settings. When the build links jemalloc (CMake option
// SEAWARDEN_JEMALLOC, on when the library is found), its arenas are backed by transparent huge
// pages: the detectors read per-vessel and per-pair state scattered over hundreds of megabytes
// at nearly every message, and with 4 KB pages most of those reads also miss the TLB. Debian's
// kernels give huge pages only to memory marked for them (THP mode "madvise"), which the C
// library's malloc does not do by default. Measured on the 24 M-message detect benchmark: ~5%
// less CPU time, 5-9% more peak memory, and about 6 MB more for any run (docs/detectors.md).
// MALLOC_CONF in the environment still overrides this (for example MALLOC_CONF=thp:default).
#if defined(SEAWARDEN_JEMALLOC)
extern "C" {
// jemalloc's documented compile-time configuration hook, read at its first allocation.
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
#endif
