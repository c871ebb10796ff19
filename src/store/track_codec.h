// Stored tracks are kept as chunks: one `track_chunks` row holds up to kChunkMaxPositions
// positions of one vessel spanning at most kChunkMaxSpanMs, packed as varints.
//
// Why chunks and not one row per position: an SQLite row costs ~1.5 us to insert (and far
// more once the table outgrows the page cache, as the inserts land all over the B-tree),
// which alone would cap ingest below 1M messages per second. A chunk costs one insert per
// ~100 positions, is 2-3x smaller on disk, and a track query reads a few contiguous rows.
//
// Blob format (version 1), per position, all varints (LEB128), deltas from the previous
// position of the chunk (the first from zero), signed values zigzag-encoded:
//   dt_ms (signed), dlat_e6 (signed), dlon_e6 (signed),
//   sog_dkn + 1, cog_ddeg + 1, heading + 1   (0: not available),
//   status, dsegment (signed)
// Positions are stored in the order they were written; readers sort by time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace seawarden::store {

inline constexpr std::uint32_t kChunkMaxPositions = 128;
inline constexpr std::int64_t kChunkMaxSpanMs = 6 * 3600'000;  // a query looks this far back for chunk starts

// A position as stored: integers (micro-degrees, tenths of knots and degrees; -1 = n/a).
struct StoredPosition {
  std::int64_t t_ms;
  std::int32_t lat_e6, lon_e6;
  std::int16_t sog_dkn, cog_ddeg, heading;
  std::uint8_t status, pad = 0;
  std::uint32_t segment;
};
static_assert(sizeof(StoredPosition) == 32);

// Builds one chunk's blob incrementally.
class ChunkEncoder {
 public:
  void add(const StoredPosition& p);
  void clear();
  bool empty() const { return n_ == 0; }
  std::uint32_t size() const { return n_; }
  std::int64_t t0() const { return t0_; }  // earliest time in the chunk
  std::int64_t t1() const { return t1_; }  // latest
  // True when `p` cannot join the chunk (full, or the span would exceed kChunkMaxSpanMs).
  bool would_overflow(std::int64_t t_ms) const;
  std::string_view bytes() const { return buf_; }

 private:
  std::string buf_;
  std::uint32_t n_ = 0;
  std::int64_t t0_ = 0, t1_ = 0;
  StoredPosition prev_{};
};

// Appends the blob's positions to `out`. Returns false (appending what was readable) when the
// blob is malformed or holds a different count than `expected` (0: any).
bool decode_chunk(std::string_view blob, std::vector<StoredPosition>& out, std::uint32_t expected = 0);

}  // namespace seawarden::store
