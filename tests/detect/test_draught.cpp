#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "detect/draught_change.h"
#include "detect/state_io.h"
#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(DraughtChange, LoadingIsReportedWithSpan) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  s.draught = 6.0;
  m.push_back(static5(412000001, kT0, s));
  m.push_back(static5(412000001, kT0 + kHour, s));
  s.draught = 6.3;  // below the threshold: same draught
  m.push_back(static5(412000001, kT0 + 2 * kHour, s));
  s.draught = 9.5;
  m.push_back(static5(412000001, kT0 + 5 * kHour, s));
  m.push_back(static5(412000001, kT0 + 6 * kHour, s));
  auto d = of_kind(run(m), "draught_change");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].start_ms, kT0 + 2 * kHour);
  EXPECT_EQ(d[0].end_ms, kT0 + 5 * kHour);
  EXPECT_NEAR(d[0].fields["from_m"].get<double>(), 6.0, 1e-6);
  EXPECT_NEAR(d[0].fields["to_m"].get<double>(), 9.5, 1e-6);
  EXPECT_NEAR(d[0].fields["delta_m"].get<double>(), 3.5, 1e-6);
  EXPECT_FALSE(d[0].fields.contains("across"));
}

TEST(DraughtChange, CargoEstimate) {
  auto c = seawarden::detect::estimate_cargo(2.0, 180, 30, 80);
  EXPECT_DOUBLE_EQ(c.block_coefficient, 0.80);
  EXPECT_NEAR(c.tonnes, 2.0 * 180 * 30 * 0.8 * 1.025, 1e-6);
  EXPECT_NEAR(c.barrels, c.tonnes / 0.86 * 6.2898, 1e-6);
  EXPECT_DOUBLE_EQ(seawarden::detect::estimate_cargo(1, 100, 20, 70).block_coefficient, 0.75);
  EXPECT_DOUBLE_EQ(seawarden::detect::estimate_cargo(1, 100, 20, 30).block_coefficient, 0.70);
}

TEST(DraughtChange, AcrossGap) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  s.draught = 5.0;
  m.push_back(static5(412000001, kT0, s));
  sail(m, 412000001, kT0 + kMin, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 20 * kHour, kT0 + 21 * kHour, 5 * kMin, 37.0, 124.5, 8);
  s.draught = 7.0;
  m.push_back(static5(412000001, kT0 + 21 * kHour + kMin, s));
  m.push_back(static5(412000001, kT0 + 21 * kHour + 7 * kMin, s));
  auto d = of_kind(run(m), "draught_change");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].fields["across"], "gap");
}

namespace {

constexpr std::uint32_t kCargoTanker = 412000001, kCargoPartner = 445000002;
constexpr std::int64_t kOneDay = 24 * kHour;

// Tanker and partner lie 200 m apart in open water for 3 h (an encounter), each having sent its
// static report first; the partner then falls silent. The tanker stays heard every hour until
// `change_at`, when it reports a draught 3 m deeper (twice: the change is confirmed).
std::vector<seawarden::ais::Received> transfer(const Static5& partner, std::int64_t change_at) {
  std::vector<seawarden::ais::Received> m;
  Static5 tanker;
  tanker.draught = 6.0;
  m.push_back(static5(kCargoTanker, kT0, tanker));
  m.push_back(static5(kCargoPartner, kT0 + 1000, partner));
  for (std::int64_t t = kT0 + kMin; t <= kT0 + 3 * kHour; t += 5 * kMin) {
    m.push_back(position(kCargoTanker, t, 38.5, 124.9, 0, 0));
    m.push_back(position(kCargoPartner, t + 1000, 38.5018, 124.9, 0, 0));
  }
  for (std::int64_t t = kT0 + 4 * kHour; t < change_at; t += kHour) m.push_back(position(kCargoTanker, t, 38.5, 124.9, 0, 0));
  tanker.draught = 9.0;
  m.push_back(static5(kCargoTanker, change_at, tanker));
  m.push_back(static5(kCargoTanker, change_at + 6 * kMin, tanker));
  return m;
}

Static5 partner_ship(unsigned length, unsigned beam) {
  Static5 s;
  s.name = "SEA BREEZE";
  s.callsign = "XYZ789";
  s.imo = 9176187;
  s.shiptype = 80;
  s.draught = 12.0;
  s.length = length;
  s.beam = beam;
  return s;
}

seawarden::detect::Config forget_after(std::int64_t ms) {
  seawarden::detect::Config cfg;
  cfg.tracks.forget_after_ms = ms;
  cfg.tracks.forget_brief_after_ms = ms;
  return cfg;
}

seawarden::detect::Event the_change(const std::vector<seawarden::detect::Event>& events) {
  auto d = of_kind(events, "draught_change");
  EXPECT_EQ(d.size(), 1u);
  return d.empty() ? seawarden::detect::Event{} : d[0];
}

}  // namespace

TEST(DraughtChange, AcrossAnEncounterEstimatesTheCargo) {
  const auto events = run(transfer(partner_ship(120, 20), kT0 + 5 * kHour));
  ASSERT_EQ(of_kind(events, "encounter").size(), 1u);
  const auto e = the_change(events);
  EXPECT_EQ(e.fields.value("across", ""), "encounter");
  EXPECT_EQ(e.fields.value("partner", 0u), kCargoPartner);
  ASSERT_TRUE(e.fields.contains("cargo_estimate")) << e.fields.dump();
  // The tanker's own hull (180 x 30 m, type 80): 3 m x 180 x 30 x 0.80 x 1.025 t/m3.
  EXPECT_EQ(e.fields["cargo_estimate"]["tonnes"].get<double>(), 13284);
  EXPECT_EQ(e.fields["cargo_estimate"]["block_coefficient"].get<double>(), 0.8);

  // A partner that never said its size: the change is across the encounter, without an estimate.
  const auto unsized = the_change(run(transfer(partner_ship(0, 0), kT0 + 5 * kHour)));
  EXPECT_EQ(unsized.fields.value("partner", 0u), kCargoPartner);
  EXPECT_FALSE(unsized.fields.contains("cargo_estimate"));
}

// The tanker's change is resolved at the end of the run, days after its partner was forgotten:
// the estimate goes by what the partner's record said when it went.
TEST(DraughtChange, AForgottenPartnerStillGivesTheEstimate) {
  const auto msgs = transfer(partner_ship(120, 20), kT0 + 3 * kOneDay);
  seawarden::detect::PipelineStats kept, forgot;
  const auto never = the_change(run(msgs, forget_after(0), &kept));
  const auto after_2d = the_change(run(msgs, forget_after(2 * kOneDay), &forgot));
  EXPECT_EQ(kept.forgotten, 0u);
  EXPECT_EQ(forgot.forgotten, 1u) << "the partner, silent from hour 3";
  ASSERT_TRUE(never.fields.contains("cargo_estimate"));
  ASSERT_TRUE(after_2d.fields.contains("cargo_estimate")) << after_2d.fields.dump();
  EXPECT_EQ(after_2d.fields["cargo_estimate"], never.fields["cargo_estimate"]);
}

// After the partner is forgotten its MMSI comes back as a new record: that record is not the
// partner of the encounter and says nothing of its size, either way.
TEST(DraughtChange, AForgottenPartnersMmsiHeardAgainIsNotThePartner) {
  for (const bool partner_was_sized : {true, false}) {
    auto msgs = transfer(partner_ship(partner_was_sized ? 120 : 0, partner_was_sized ? 20 : 0), kT0 + 3 * kOneDay);
    // Heard again at day 2.5, after the horizon, with the other answer about its size.
    const std::int64_t back = kT0 + 60 * kHour + 30 * kMin;
    msgs.push_back(static5(kCargoPartner, back, partner_ship(partner_was_sized ? 0 : 150, partner_was_sized ? 0 : 25)));
    msgs.push_back(position(kCargoPartner, back + kMin, 30.0, 122.0, 10, 90));
    std::stable_sort(msgs.begin(), msgs.end(),
                     [](const auto& a, const auto& b) { return a.meta.rxtime < b.meta.rxtime; });
    seawarden::detect::PipelineStats stats;
    const auto e = the_change(run(msgs, forget_after(2 * kOneDay), &stats));
    EXPECT_EQ(stats.forgotten, 1u);
    EXPECT_EQ(e.fields.contains("cargo_estimate"), partner_was_sized) << e.fields.dump();
  }
}

// A saved context says what a change happened across by an index into a table: a state with
// any other value there is refused, never read past the table.
TEST(DraughtChange, AStateWithAnUnknownContextIsRefused) {
  seawarden::detect::DraughtChangeConfig cfg;
  seawarden::detect::DraughtChangeDetector det(cfg);
  seawarden::detect::Event encounter;
  encounter.kind = "encounter";
  encounter.start_ms = kT0 + 12345;
  encounter.end_ms = kT0 + 3 * kHour;
  encounter.vessels = {kCargoTanker, kCargoPartner};
  det.on_event(encounter);
  seawarden::detect::StateWriter out;
  det.save_state(out);
  const std::string good = out.bytes();
  {
    seawarden::detect::DraughtChangeDetector copy(cfg);
    seawarden::detect::StateReader in(good);
    EXPECT_NO_THROW(copy.load_state(in));
  }
  // Each context's kind byte sits 8 bytes before its start time; the snapshot byte follows it.
  std::string start(8, '\0');
  const std::int64_t start_ms = encounter.start_ms;
  std::memcpy(start.data(), &start_ms, 8);
  const std::size_t at = good.find(start);
  ASSERT_NE(at, std::string::npos);
  ASSERT_GE(at, 8u);
  for (const std::size_t offset : {std::size_t{8}, std::size_t{7}}) {
    std::string bad = good;
    bad[at - offset] = 3;
    seawarden::detect::DraughtChangeDetector copy(cfg);
    seawarden::detect::StateReader in(bad);
    EXPECT_THROW(copy.load_state(in), std::runtime_error) << "byte " << offset << " before the start time";
  }
}
