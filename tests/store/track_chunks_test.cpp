// Track chunks: the varint codec, chunk limits, reading across overlapping chunks, and the
// migration of a version-2 store's `positions` rows into chunks.
#include <gtest/gtest.h>

#include "store/queries.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store_test_util.h"
#include "store/track_codec.h"
#include "store/writer.h"

namespace seawarden::store {
namespace {

using testing::make_fix;
using testing::kT0;
using testing::TempDir;


bool same(const StoredPosition& a, const StoredPosition& b) {
  return a.t_ms == b.t_ms && a.lat_e6 == b.lat_e6 && a.lon_e6 == b.lon_e6 && a.sog_dkn == b.sog_dkn &&
         a.cog_ddeg == b.cog_ddeg && a.heading == b.heading && a.status == b.status && a.segment == b.segment;
}

TEST(TrackCodec, RoundTripsExtremesAndMissingValues) {
  std::vector<StoredPosition> in{
      {kT0, 38'551'234, 124'750'001, 105, 2254, 511, 0, 0, 1},
      {kT0 + 60'000, -89'999'999, -179'999'999, -1, -1, -1, 15, 0, 1},     // n/a values, far jump
      {kT0 - 5'000, 90'000'000, 180'000'000, 1023, 3600, 359, 8, 0, 7},    // earlier in time
      {kT0 - 5'000, 0, 0, 0, 0, 0, 0, 0, 4'000'000'000u},                  // same time, other segment
      {0, INT32_MIN, INT32_MAX, 32767, 32767, 32767, 255, 0, 0},
  };
  ChunkEncoder enc;
  for (const auto& p : in) enc.add(p);
  EXPECT_EQ(enc.size(), in.size());
  EXPECT_EQ(enc.t0(), 0);
  EXPECT_EQ(enc.t1(), kT0 + 60'000);
  std::vector<StoredPosition> out;
  ASSERT_TRUE(decode_chunk(enc.bytes(), out, static_cast<std::uint32_t>(in.size())));
  ASSERT_EQ(out.size(), in.size());
  for (std::size_t i = 0; i < in.size(); ++i) EXPECT_TRUE(same(in[i], out[i])) << i;
  // A typical position a minute apart packs in about 15 bytes (a row took ~40).
  ChunkEncoder typical;
  for (int i = 0; i < 100; ++i)
    typical.add({kT0 + i * 60'000, 38'500'000 + i * 2700, 124'000'000 + i * 1900, 102, 450, 45, 0, 0, 3});
  EXPECT_LT(typical.bytes().size(), 100u * 16);
}

TEST(TrackCodec, RejectsDamagedBlobs) {
  ChunkEncoder enc;
  enc.add({kT0, 1, 2, 3, 4, 5, 0, 0, 1});
  enc.add({kT0 + 1000, 1, 2, 3, 4, 5, 0, 0, 1});
  std::string blob(enc.bytes());
  std::vector<StoredPosition> out;
  EXPECT_FALSE(decode_chunk(blob, out, 3));                          // wrong count
  EXPECT_FALSE(decode_chunk(blob.substr(0, blob.size() - 1), out));  // truncated
  EXPECT_FALSE(decode_chunk(std::string(12, '\xff'), out));          // over-long varint
}

TEST(TrackCodec, ChunksRespectCountAndSpan) {
  ChunkEncoder enc;
  for (std::uint32_t i = 0; i < kChunkMaxPositions; ++i) {
    ASSERT_FALSE(enc.would_overflow(kT0 + i)) << i;
    enc.add({kT0 + i, 0, 0, -1, -1, -1, 0, 0, 1});
  }
  EXPECT_TRUE(enc.would_overflow(kT0 + 1000));
  ChunkEncoder span;
  span.add({kT0, 0, 0, -1, -1, -1, 0, 0, 1});
  EXPECT_FALSE(span.would_overflow(kT0 + kChunkMaxSpanMs));
  EXPECT_TRUE(span.would_overflow(kT0 + kChunkMaxSpanMs + 1));
  EXPECT_TRUE(span.would_overflow(kT0 - kChunkMaxSpanMs - 1));
}

TEST(TrackChunks, WriterKeepsChunksWithinTheLimitsAndQueriesFindEveryPosition) {
  TempDir dir;
  Database db(dir.file("s.db"), Database::Mode::ReadWrite);
  migrate(db);
  ThinningOptions keep_all;
  keep_all.interval_ms = 0;
  StoreWriter w(db, keep_all);
  FileRecord f;
  f.run_id = w.start_run("t", "", "[]", "{}");
  f.content_id.assign(1, 'a');  // not = "a": GCC 12 -Wrestrict false positive
  w.begin_file(f);
  // Two vessels, 30 h: one every 10 s, one every 5 min.
  for (int i = 0; i < 30 * 360; ++i) {
    w.on_fix(make_fix(412000001, kT0 + i * std::int64_t{10'000}, 38, 124));
    if (i % 30 == 0) w.on_fix(make_fix(412000002, kT0 + i * std::int64_t{10'000} + 1, 37, 123));
  }
  w.commit_file(f, "");
  EXPECT_EQ(db.scalar_int("SELECT max(n) FROM track_chunks"), kChunkMaxPositions);
  EXPECT_LE(db.scalar_int("SELECT max(t1_ms - t0_ms) FROM track_chunks"), kChunkMaxSpanMs);
  EXPECT_EQ(db.scalar_int("SELECT sum(n) FROM track_chunks WHERE mmsi=412000002"), 30 * 12);
  // Any window finds exactly its positions, whatever chunk they start in.
  for (std::int64_t from : {kT0, kT0 + std::int64_t{5 * 3600'000 + 7}, kT0 + std::int64_t{29 * 3600'000}}) {
    const std::int64_t to = from + std::int64_t{3 * 3600'000};
    auto ps = track(db, 412000002, from, to);
    std::size_t expected = 0;
    for (int i = 0; i < 30 * 360; i += 30) expected += (kT0 + i * std::int64_t{10'000} + 1 >= from && kT0 + i * std::int64_t{10'000} + 1 <= to);
    EXPECT_EQ(ps.size(), expected) << from;
  }
}

TEST(TrackChunks, MigratesVersion2PositionsIntoChunks) {
  TempDir dir;
  Database db(dir.file("old.db"), Database::Mode::ReadWrite);
  migrate(db, 2);
  ASSERT_EQ(schema_version(db), 2);
  auto ins = db.prepare("INSERT INTO positions VALUES(?,?,?,?,?,?,?,?,?)");
  for (int i = 0; i < 300; ++i) {
    ins.bind(1, 412000001 + (i % 3)).bind(2, kT0 + i * std::int64_t{60'000}).bind(3, 38'000'000 + i).bind(4, 124'000'000 - i);
    if (i % 7) ins.bind(5, 100 + i); else ins.bind_null(5);
    ins.bind_null(6).bind(7, 90).bind(8, 0).bind(9, 1 + i % 2).run();
  }
  migrate(db);
  EXPECT_EQ(schema_version(db), kSchemaVersion);
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM sqlite_master WHERE name='positions'"), 0);
  EXPECT_EQ(db.scalar_int("SELECT sum(n) FROM track_chunks"), 300);
  auto ps = track(db, 412000002);
  ASSERT_EQ(ps.size(), 100u);
  const int i = 1 + 3 * 7;  // the 8th position of 412000002 (row 22: sog present)
  EXPECT_EQ(ps[7].t_ms, kT0 + i * std::int64_t{60'000});
  EXPECT_NEAR(ps[7].lat, (38'000'000 + i) / 1e6, 1e-9);
  EXPECT_NEAR(ps[7].sog, (100 + i) / 10.0, 1e-9);
  EXPECT_EQ(ps[7].cog, -1);
  EXPECT_EQ(ps[7].segment, 1u + i % 2);
  EXPECT_EQ(track(db, 412000001)[0].sog, -1);  // row 0: sog was NULL
}

}  // namespace
}  // namespace seawarden::store
