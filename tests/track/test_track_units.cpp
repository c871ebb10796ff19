#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "track/identity.h"
#include "track/identity_checks.h"
#include "track/mid_table.h"
#include "track/reorder.h"
#include "track/segmenter.h"

using namespace seawarden::track;

TEST(ImoCheck, CheckDigit) {
  EXPECT_TRUE(imo_check_digit_ok(9074729));
  EXPECT_TRUE(imo_check_digit_ok(8660313));
  EXPECT_FALSE(imo_check_digit_ok(9074728));
  EXPECT_FALSE(imo_check_digit_ok(0));
  EXPECT_FALSE(imo_check_digit_ok(123456));
}

TEST(Mmsi, FormsDefaultsAndFlags) {
  EXPECT_EQ(mmsi_form(412345678), MmsiForm::Ship);
  EXPECT_EQ(mmsi_form(2573125), MmsiForm::CoastStation);
  EXPECT_EQ(mmsi_form(992351000), MmsiForm::AidToNavigation);
  EXPECT_EQ(mmsi_form(111257001), MmsiForm::SarAircraft);
  EXPECT_EQ(mmsi_form(970012345), MmsiForm::Sart);
  EXPECT_EQ(mmsi_mid(992351000), 235u);
  EXPECT_EQ(mmsi_mid(111257001), 257u);
  for (std::uint32_t m : {0u, 111111111u, 123456789u, 999999999u, 12345u}) EXPECT_TRUE(is_default_mmsi(m)) << m;
  EXPECT_FALSE(is_default_mmsi(412345678));
  EXPECT_FALSE(is_default_mmsi(2573125));
  EXPECT_TRUE(has_unallocated_mid(299000001));
  EXPECT_FALSE(has_unallocated_mid(445123456));
  EXPECT_FALSE(has_unallocated_mid(970012345));
  EXPECT_EQ(mmsi_flag(445123456), "KP");
  EXPECT_EQ(mmsi_flag(667000001), "SL");
  EXPECT_EQ(mmsi_flag(351000001), "PA");
  EXPECT_EQ(lookup_mid(477).iso2, "HK");
  EXPECT_FALSE(mid_allocated(217));
  EXPECT_GT(allocated_mid_count(), 280u);
}

TEST(Reorder, ReleasesInTimeOrderAfterWindow) {
  ReorderBuffer buf(1000);
  std::vector<std::int64_t> out;
  auto sink = [&](const Observation& o) { out.push_back(o.t_ms); };
  for (std::int64_t t : {100, 50, 900, 2000, 1500, 3500}) {
    buf.next_slot().t_ms = t;
    buf.push();
    buf.release_ready(sink);
  }
  EXPECT_EQ(out, (std::vector<std::int64_t>{50, 100, 900, 1500, 2000}));
  buf.next_slot().t_ms = 1000;  // older than released: late
  EXPECT_FALSE(buf.push());
  EXPECT_EQ(buf.late(), 1u);
  buf.flush(sink);
  EXPECT_EQ(out.back(), 3500);
}

// One message dated far ahead (a receiver's clock gone wrong) must not move the clock: the
// messages after it, still at the old time, go through (not late), and it is dropped once they
// contradict it. A real jump (a feed resuming, a sparse track) is taken once three messages agree,
// or at the end of input.
TEST(Reorder, AClockJumpWaitsForConfirmation) {
  constexpr std::int64_t kHour = 3600000;
  auto run = [](const std::vector<std::int64_t>& times, std::vector<std::int64_t>& out) {
    ReorderBuffer buf(300000, kHour);
    auto sink = [&](const Observation& o) { out.push_back(o.t_ms); };
    for (std::int64_t t : times) {
      buf.next_slot().t_ms = t;
      EXPECT_TRUE(buf.push()) << t;
      buf.release_ready(sink);
    }
    buf.flush(sink);
    return buf;
  };
  // Arrivals up to 30 s out of order, well within the window.
  std::vector<std::int64_t> times;
  for (std::int64_t i = 0; i < 120; ++i) times.push_back(100000 + i * 10000 - (i % 3 == 0 ? 30000 : 0));
  std::vector<std::int64_t> in_order = times;
  std::sort(in_order.begin(), in_order.end());
  std::vector<std::int64_t> wrong = times;
  wrong.insert(wrong.begin() + 10, 80 * 365 * 24 * kHour);  // 80 years ahead
  std::vector<std::int64_t> out;
  const ReorderBuffer a = run(wrong, out);
  EXPECT_EQ(out, in_order);  // everything else in order, nothing late
  EXPECT_EQ(a.late(), 0u);
  EXPECT_EQ(a.clock_outliers(), 1u);

  // Two hours of silence, then the feed resumes: nothing lost, all in order.
  std::vector<std::int64_t> resumed = in_order;
  for (std::int64_t t = 3 * kHour; t < 3 * kHour + 10 * 60000; t += 10000) resumed.push_back(t);
  out.clear();
  const ReorderBuffer b = run(resumed, out);
  EXPECT_EQ(out, resumed);
  EXPECT_EQ(b.clock_outliers(), 0u);

  // A sparse track, three hours between fixes, ending with fewer than three unconfirmed.
  const std::vector<std::int64_t> sparse = {0, 3 * kHour, 6 * kHour, 9 * kHour, 12 * kHour};
  out.clear();
  const ReorderBuffer c = run(sparse, out);
  EXPECT_EQ(out, sparse);
  EXPECT_EQ(c.clock_outliers(), 0u);

  // A message 61 min ahead, then the input catching up with it step by step: it goes in at its
  // place in time order, before the clock passes it.
  std::vector<std::int64_t> gradual = {0, 61 * 60000};
  for (std::int64_t t = 60000; t <= 3 * kHour; t += 20 * 60000) gradual.push_back(t);
  std::vector<std::int64_t> gradual_sorted = gradual;
  std::sort(gradual_sorted.begin(), gradual_sorted.end());
  out.clear();
  const ReorderBuffer d = run(gradual, out);
  EXPECT_EQ(out, gradual_sorted);
  EXPECT_EQ(d.clock_outliers(), 0u);

  // Off: the old behaviour, the jump moves the clock and the rest is late.
  ReorderBuffer off(300000);
  for (std::int64_t t : wrong) {
    off.next_slot().t_ms = t;
    off.push();
    off.release_ready([](const Observation&) {});
  }
  EXPECT_GT(off.late(), 20u);
}

TEST(Reorder, InterleavedSecondsKeepTimeThenArrivalOrder) {
  // Several stations' clocks interleave neighbouring seconds, and stragglers fall back into
  // buckets already holding released items: whatever the pattern, the release order must be the
  // stable sort of the arrivals by time, with nothing lost or duplicated (negative times too).
  for (const std::int64_t base : {std::int64_t{1715212800000}, std::int64_t{-40000}}) {
    ReorderBuffer buf(60000);
    std::vector<std::pair<std::int64_t, std::uint32_t>> arrivals, released;
    auto sink = [&](const Observation& o) { released.emplace_back(o.t_ms, o.mmsi); };
    std::uint64_t x = 88172645463325252ull;
    auto next = [&x] {  // xorshift: a fixed pseudo-random pattern
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      return x;
    };
    for (std::uint32_t i = 0; i < 20000; ++i) {
      // Mostly advancing, now and then up to 50 s back, a few exactly 16 s back.
      const std::int64_t back = next() % 10 == 0 ? static_cast<std::int64_t>(next() % 50000)
                              : next() % 50 == 0 ? 16000 : 0;
      const std::int64_t t = base + i * 97 - back;
      buf.next_slot().t_ms = t;
      buf.next_slot().mmsi = i;
      ASSERT_TRUE(buf.push());
      arrivals.emplace_back(t, i);
      buf.release_ready(sink);
    }
    buf.flush(sink);
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    EXPECT_EQ(released, arrivals);
    EXPECT_EQ(buf.size(), 0u);
  }
}

TEST(Identity, ConfirmationAndHistory) {
  IdentityRegistry reg;
  StaticReport r;
  r.has = StaticReport::kName | StaticReport::kImo;
  r.name.assign("  ocean@@ star ");
  r.imo = 9074729;
  IdentityUpdate u;
  reg.apply(r, 1000, 2, u);
  EXPECT_TRUE(u.any());
  EXPECT_EQ(u.n_changes, 0);
  EXPECT_EQ(reg.current().name.view(), "OCEAN STAR");
  r.name.assign("SEA LION");
  reg.apply(r, 2000, 2, u);
  EXPECT_EQ(u.n_changes, 0);  // awaiting confirmation
  reg.apply(r, 3000, 2, u);
  ASSERT_EQ(u.n_changes, 1);
  EXPECT_EQ(u.changes[0].t_ms, 2000);
  EXPECT_EQ(u.changes[0].from.view(), "OCEAN STAR");
  EXPECT_EQ(reg.current().name.view(), "SEA LION");
  EXPECT_EQ(reg.history_size(), 3);  // name, imo, new name
}

TEST(Segmenter, SecondTransmitterOpensSegmentAndKeepsIt) {
  Segmenter seg;
  SegmentSet set;
  Fix a;
  a.lat = 37;
  a.lon = 124;
  a.sog = 10;
  a.cog = 90;
  std::uint32_t prev = 0;
  std::vector<std::uint32_t> ids;
  for (int i = 0; i < 10; ++i) {
    Fix f = a;
    f.t_ms = i * 120000;
    f.lon = 124 + i * 0.0083;
    auto d = seg.assign(set, f, prev);
    prev = d.segment;
    ids.push_back(d.segment);
    Fix g = f;  // far away, same MMSI
    g.t_ms += 60000;
    g.lat = 39;
    d = seg.assign(set, g, prev);
    prev = d.segment;
    ids.push_back(d.segment);
  }
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(ids[i], i % 2 == 0 ? 1u : 2u) << i;
  // After max_idle (24 h) a segment closes: a far fix then opens a new one.
  Fix late = a;
  late.t_ms = 30LL * 3600 * 1000;
  late.lat = 10;
  EXPECT_TRUE(seg.assign(set, late, prev).opened);
}
