#include <gtest/gtest.h>

#include <algorithm>

#include "detect/event_json.h"
#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(Pipeline, ReorderDedupAndMissingTimes) {
  std::vector<seawarden::ais::Received> m;
  m.push_back(position(412000001, kT0 + 2 * kMin, 37, 124.01));
  m.push_back(position(412000001, kT0, 37, 124.0));              // 2 min out of order: kept
  m.push_back(position(412000001, kT0 + 2 * kMin + 800, 37, 124.01));  // another station: duplicate
  auto no_time = position(412000001, 0, 37, 124);
  no_time.meta.rxtime = seawarden::ais::kUnknownTime;
  m.push_back(no_time);
  m.push_back(position(412000001, kT0 + 20 * kMin, 37, 124.05));
  m.push_back(position(412000001, kT0 + kMin, 37, 124.005));  // older than what was released: dropped
  seawarden::detect::PipelineStats st;
  std::vector<seawarden::track::Fix> fixes;
  seawarden::detect::Pipeline p({}, nullptr, nullptr);
  p.on_fix = [&](const seawarden::track::Fix& f, const seawarden::detect::VesselInfo&) { fixes.push_back(f); };
  for (auto& r : m) p.on_message(r);
  p.finish();
  st = p.stats();
  EXPECT_EQ(st.messages, 6u);
  EXPECT_EQ(st.without_rxtime, 1u);
  EXPECT_EQ(st.duplicates, 1u);
  EXPECT_EQ(st.late, 1u);
  ASSERT_EQ(fixes.size(), 3u);
  EXPECT_EQ(fixes[0].t_ms, kT0);
  EXPECT_EQ(fixes[1].t_ms, kT0 + 2 * kMin);
  EXPECT_EQ(fixes[2].t_ms, kT0 + 20 * kMin);
  EXPECT_EQ(st.vessels, 1u);
  EXPECT_EQ(st.segments, 1u);
}

TEST(Pipeline, EventsOrderedByStartTime) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  s.imo = 1234568;  // invalid: anomaly spanning the static messages
  m.push_back(static5(412000001, kT0 + kHour, s));
  m.push_back(static5(412000001, kT0 + 30 * kHour, s));
  sail(m, 412000002, kT0, kT0 + kHour, 10 * kMin, 37, 124, 5);
  sail(m, 412000002, kT0 + 20 * kHour, kT0 + 21 * kHour, 10 * kMin, 37, 124.3, 5);
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  auto ev = run(m);
  ASSERT_GE(ev.size(), 2u);
  for (std::size_t i = 1; i < ev.size(); ++i) EXPECT_FALSE(seawarden::detect::event_before(ev[i], ev[i - 1]));
  EXPECT_EQ(ev[0].kind, "gap");
}

TEST(Pipeline, StateCarriesTracksAcrossRuns) {
  // Day 1 ends with a transmission; day 2 resumes 14 h later: the gap spans the two runs.
  std::vector<seawarden::ais::Received> day1, day2;
  Static5 s;
  day1.push_back(static5(412000001, kT0, s));
  sail(day1, 412000001, kT0 + kMin, kT0 + 2 * kHour, 10 * kMin, 37, 124, 8);
  sail(day2, 412000001, kT0 + 16 * kHour, kT0 + 17 * kHour, 10 * kMin, 37, 124.5, 8);
  s.name = "NEW NAME";
  day2.push_back(static5(412000001, kT0 + 17 * kHour + kMin, s));
  day2.push_back(static5(412000001, kT0 + 17 * kHour + 7 * kMin, s));
  std::string state;
  {
    seawarden::detect::Pipeline p({}, nullptr, nullptr);
    for (auto& r : day1) p.on_message(r);
    p.finish();
    state = p.save_state();
  }
  seawarden::detect::Pipeline p({}, nullptr, nullptr);
  p.load_state(state);
  std::vector<seawarden::detect::Event> ev;
  p.on_event = [&](const seawarden::detect::Event& e) { ev.push_back(e); };
  for (auto& r : day2) p.on_message(r);
  p.finish();
  ASSERT_EQ(of_kind(ev, "gap").size(), 1u);
  auto ch = of_kind(ev, "identity_change");
  ASSERT_EQ(ch.size(), 1u);
  EXPECT_EQ(ch[0].fields["from"], "OCEAN STAR");
  EXPECT_EQ(p.stats().segments, 1u);
  EXPECT_THROW(p.load_state("garbage"), std::runtime_error);
}

// Ships shown on one point (spoofed, or moored without port zones): no encounters among them,
// and the run says so (detect and ingest print the note).
TEST(Pipeline, ACrowdIsCountedAndNoted) {
  std::vector<seawarden::ais::Received> m;
  for (std::uint32_t k = 0; k < 30; ++k)
    for (std::int64_t t = kT0; t <= kT0 + 3 * kHour; t += 10 * kMin)
      m.push_back(position(413000000 + k, t + k * 1000, 38.5, 124.9, 0.1));
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  const seawarden::detect::Config cfg;
  seawarden::detect::PipelineStats stats;
  const auto events = run(m, cfg, &stats);
  EXPECT_TRUE(of_kind(events, "encounter").empty());
  EXPECT_TRUE(of_kind(events, "loitering").empty());  // not alone
  EXPECT_GE(stats.crowded_points, 30u * 18);
  const std::string note = seawarden::detect::crowd_note(stats, cfg);
  EXPECT_NE(note.find("were in crowds, over 20 vessels in one cell of about 500 m"), std::string::npos) << note;
  const auto said = seawarden::detect::run_messages(stats, cfg, false);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_FALSE(said[0].warning) << "a crowd is a note";
  EXPECT_EQ(said[0].text, note);

  // Twenty are not a crowd: every pair of them is an encounter, and nothing is noted.
  m.erase(std::remove_if(m.begin(), m.end(), [](auto& r) { return r.msg.mmsi >= 413000020; }), m.end());
  const auto twenty = run(m, cfg, &stats);
  EXPECT_EQ(of_kind(twenty, "encounter").size(), 20u * 19 / 2);
  EXPECT_EQ(stats.crowded_points, 0u);
  EXPECT_TRUE(seawarden::detect::crowd_note(stats, cfg).empty());
}

// One message dated years ahead in a stream: left out and warned of, and the events are those
// of the stream without it (before, the messages after it went through with no reorder window
// and those out of order were lost). A real jump held at a saved state is not lost either.
TEST(Pipeline, AClockJumpIsHeldAndAnOutlierDropped) {
  std::vector<seawarden::ais::Received> m;
  for (std::uint32_t k = 0; k < 4; ++k) sail(m, 412000001 + k, kT0, kT0 + 14 * kHour, kMin, 37.0 + k, 124.0, 8);
  sail(m, 412000009, kT0, kT0 + kHour, kMin, 36.0, 124.0, 8);
  sail(m, 412000009, kT0 + 13 * kHour, kT0 + 14 * kHour, kMin, 36.0, 124.5, 8);  // a 12 h gap
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  for (std::size_t i = 1; i + 1 < m.size(); i += 7) std::swap(m[i], m[i + 1]);  // slightly out of order
  const seawarden::detect::Config cfg;
  seawarden::detect::PipelineStats stats;
  const auto clean = run(m, cfg, &stats);
  ASSERT_FALSE(of_kind(clean, "gap").empty());
  EXPECT_EQ(stats.clock_outliers, 0u);

  auto wrong = m;
  wrong.insert(wrong.begin() + 100, position(412000002, kT0 + 80LL * 365 * 24 * kHour, 37.0, 124.0));
  const auto held = run(wrong, cfg, &stats);
  EXPECT_EQ(stats.clock_outliers, 1u);
  EXPECT_EQ(stats.late, 0u);
  ASSERT_EQ(held.size(), clean.size());
  for (std::size_t i = 0; i < clean.size(); ++i)
    EXPECT_EQ(seawarden::detect::to_json_line(held[i]), seawarden::detect::to_json_line(clean[i]));
  EXPECT_NE(seawarden::detect::clock_outliers_warning(stats, cfg.tracks.max_clock_jump_ms).find("1 messages dated more than 60 min"),
            std::string::npos);
  // What detect and ingest print at the end: that warning, and nothing else for this run.
  const auto said = seawarden::detect::run_messages(stats, cfg, false);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_TRUE(said[0].warning);
  EXPECT_EQ(said[0].text, seawarden::detect::clock_outliers_warning(stats, cfg.tracks.max_clock_jump_ms));

  // Cut just after the gap's end was held (time jumped 12 h for one vessel, others silent
  // meanwhile): the state keeps it, the continued run takes it.
  std::vector<seawarden::ais::Received> sparse;
  sail(sparse, 412000009, kT0, kT0 + kHour, kMin, 36.0, 124.0, 8);
  sail(sparse, 412000009, kT0 + 13 * kHour, kT0 + 14 * kHour, kMin, 36.0, 124.5, 8);
  const auto whole = of_kind(run(sparse, cfg), "gap");
  ASSERT_EQ(whole.size(), 1u);
  std::vector<seawarden::detect::Event> events;
  std::string state;
  {
    seawarden::detect::Pipeline p(cfg, nullptr, nullptr);
    p.on_event = [&](const seawarden::detect::Event& e) { events.push_back(e); };
    for (std::size_t i = 0; i < 62; ++i) p.on_message(sparse[i]);  // 61 before, 1 after the jump
    p.pause();
    state = p.save_state();
  }
  seawarden::detect::Pipeline q(cfg, nullptr, nullptr);
  q.on_event = [&](const seawarden::detect::Event& e) { events.push_back(e); };
  q.load_state(state);
  for (std::size_t i = 62; i < sparse.size(); ++i) q.on_message(sparse[i]);
  q.finish();
  const auto gaps = of_kind(events, "gap");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(seawarden::detect::to_json_line(gaps[0]), seawarden::detect::to_json_line(whole[0]));
}
