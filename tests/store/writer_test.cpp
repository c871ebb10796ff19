// The store writer: schema, thinning, events with stable ids, per-file transactions.
#include <gtest/gtest.h>

#include "store/queries.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "store/store_test_util.h"
#include "store/writer.h"

namespace seawarden::store {
namespace {

using testing::count_positions;
using testing::make_event;
using testing::make_fix;
using testing::kT0;
using testing::TempDir;

constexpr std::int64_t kMin = 60'000;

FileRecord file_record(std::int64_t run, const std::string& id) {
  FileRecord f;
  f.run_id = run;
  f.path = "input-" + id + ".nmea";
  f.content_id = id;
  f.size = 100;
  return f;
}

TEST(StoreSchema, MigratesOnceToTheCurrentVersion) {
  TempDir dir;
  Database db(dir.file("s.db"), Database::Mode::ReadWrite);
  EXPECT_EQ(schema_version(db), 0);
  migrate(db);
  EXPECT_EQ(schema_version(db), kSchemaVersion);
  migrate(db);  // no-op
  EXPECT_EQ(schema_version(db), kSchemaVersion);
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM sqlite_master WHERE name='track_chunks'"), 1);
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM sqlite_master WHERE name='positions'"), 0);
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM sqlite_master WHERE name='events_end'"), 1);
}

TEST(StoreSchema, RefusesANewerDatabase) {
  TempDir dir;
  Database db(dir.file("s.db"), Database::Mode::ReadWrite);
  db.exec("PRAGMA user_version=99");
  EXPECT_THROW(migrate(db), std::runtime_error);
}

TEST(StoreWriter, ThinsToAboutOnePositionPerMinute) {
  TempDir dir;
  Database db(dir.file("s.db"), Database::Mode::ReadWrite);
  migrate(db);
  StoreWriter w(db);
  auto run = w.start_run("test", "", "[]", "{}");
  auto f = file_record(run, "a");
  w.begin_file(f);
  for (int i = 0; i < 360; ++i) w.on_fix(make_fix(412000001, kT0 + i * 10'000, 38.0 + i * 1e-4, 124.0));
  w.commit_file(f, "state");
  EXPECT_EQ(w.counts().fixes, 360u);
  EXPECT_EQ(count_positions(db), 60);
  EXPECT_EQ(db.scalar_int("SELECT sum(n) FROM track_chunks"), 60);
  EXPECT_EQ(db.scalar_int("SELECT fixes FROM vessels WHERE mmsi=412000001"), 360);
  EXPECT_EQ(db.scalar_int("SELECT positions FROM ingest_files"), 60);
  auto ps = track(db, 412000001);
  ASSERT_EQ(ps.size(), 60u);
  EXPECT_NEAR(ps[1].lat, 38.0006, 1e-6);
  EXPECT_NEAR(ps[1].sog, 10.0, 1e-9);
}

TEST(StoreWriter, KeepsEveryPositionAroundAnEvent) {
  TempDir dir;
  Database db(dir.file("s.db"), Database::Mode::ReadWrite);
  migrate(db);
  StoreWriter w(db);
  auto f = file_record(w.start_run("test", "", "[]", "{}"), "a");
  w.begin_file(f);
  // Two hours at 10 s; an event from 60 to 70 min arrives at 75 min.
  for (int i = 0; i < 720; ++i) {
    w.on_fix(make_fix(412000001, kT0 + i * 10'000, 38.0, 124.0));
    if (i == 450) w.on_event(make_event("loitering", kT0 + 60 * kMin, kT0 + 70 * kMin, {412000001}));
  }
  w.commit_file(f, "");
  // Dense (every 10 s) from 30 to 100 min (event +- 30 min margin), one a minute elsewhere.
  auto dense = count_positions(db, kT0 + 30 * kMin, kT0 + 100 * kMin);
  EXPECT_EQ(dense, 70 * 6 + 1);
  EXPECT_EQ(count_positions(db), 70 * 6 + 1 + 30 + 19);
  // The track reads back merged in time order although the dense part was written later.
  auto ps = track(db, 412000001);
  ASSERT_EQ(ps.size(), 70u * 6 + 1 + 30 + 19);
  for (std::size_t i = 1; i < ps.size(); ++i) ASSERT_LT(ps[i - 1].t_ms, ps[i].t_ms);
  EXPECT_EQ(track(db, 412000001, kT0 + 30 * kMin, kT0 + 100 * kMin).size(), 70u * 6 + 1);
}

TEST(StoreWriter, EventIdsAreStableAndProvisionalEventsAreReplaced) {
  TempDir dir;
  Database db(dir.file("s.db"), Database::Mode::ReadWrite);
  migrate(db);
  StoreWriter w(db);
  const std::int64_t run = w.start_run("test", "", "[]", "{}");
  auto f = file_record(run, "a");
  w.begin_file(f);
  auto e1 = make_event("encounter", kT0, kT0 + 180 * kMin, {412000001, 445000002});
  auto id1 = w.on_event(e1);
  // A zone visit still open at the end of the file, and again after the next: same id, one row.
  auto visit = make_event("zone_visit", kT0 + 10 * kMin, kT0 + 20 * kMin, {412000001});
  visit.fields["zone"] = "kb-1";
  auto id2 = w.on_event(visit, true);
  w.commit_file(f, "");
  auto fb = file_record(run, "b");
  w.begin_file(fb);
  visit.end_ms = kT0 + 30 * kMin;
  EXPECT_EQ(w.on_event(visit, true), id2);
  w.commit_file(fb, "");
  // The next file closes it: still the same id, no longer provisional.
  auto f2 = file_record(run, "c");
  w.begin_file(f2);
  visit.end_ms = kT0 + 40 * kMin;
  EXPECT_EQ(w.on_event(visit, false), id2);
  EXPECT_EQ(w.on_event(e1), id1);  // a final event is never rewritten
  w.commit_file(f2, "");
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM events"), 2);
  auto got = get_event(db, id2);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->provisional);
  EXPECT_EQ(got->event.end_ms, kT0 + 40 * kMin);
  EXPECT_EQ(got->event.fields.value("zone", ""), "kb-1");
  // A provisional event that the next file does not emit again (final or provisional) disappears.
  auto other = make_event("loitering", kT0, kT0 + 5 * 3600'000, {412000009});
  auto f3 = file_record(run, "d");
  w.begin_file(f3);
  auto id3 = w.on_event(other, true);
  w.commit_file(f3, "");
  EXPECT_TRUE(get_event(db, id3));
  auto f4 = file_record(run, "e");
  w.begin_file(f4);
  w.commit_file(f4, "");
  EXPECT_FALSE(get_event(db, id3));
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM event_vessels WHERE event_id=" + std::to_string(id3)), 0);
}

TEST(StoreWriter, RollbackLeavesNothingOfTheFile) {
  TempDir dir;
  Database db(dir.file("s.db"), Database::Mode::ReadWrite);
  migrate(db);
  StoreWriter w(db);
  auto f = file_record(w.start_run("test", "", "[]", "{}"), "a");
  w.begin_file(f);
  w.on_fix(make_fix(412000001, kT0, 38, 124));
  w.on_event(make_event("gap", kT0, kT0 + 13 * 3600'000, {412000001}));
  w.rollback();
  EXPECT_FALSE(w.file_done("a"));
  EXPECT_EQ(count_positions(db), 0);
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM events"), 0);
  EXPECT_EQ(db.scalar_int("SELECT count(*) FROM ingest_files"), 0);
  w.begin_file(f);
  w.commit_file(f, "");
  EXPECT_TRUE(w.file_done("a"));
}

TEST(StoreWriter, SavedStateContinuesExactlyAsInOneRun) {
  auto feed = [](StoreWriter& w, int from, int to) {
    for (int i = from; i < to; ++i) {
      w.on_fix(make_fix(412000001, kT0 + i * 10'000, 38.0, 124.0));
      w.on_fix(make_fix(445000002, kT0 + i * 10'000 + 3000, 38.1, 124.0));
      if (i == 800) w.on_event(make_event("encounter", kT0 + 50 * kMin, kT0 + 130 * kMin, {412000001, 445000002}));
    }
  };
  TempDir dir;
  // One writer for both halves.
  Database one(dir.file("one.db"), Database::Mode::ReadWrite);
  migrate(one);
  {
    StoreWriter w(one);
    auto run = w.start_run("t", "", "[]", "{}");
    auto a = file_record(run, "a"), b = file_record(run, "b");
    w.begin_file(a);
    feed(w, 0, 700);
    w.commit_file(a, "P1");
    w.begin_file(b);
    feed(w, 700, 1400);
    w.commit_file(b, "P2");
  }
  // A new writer (a new process) for the second half.
  Database two(dir.file("two.db"), Database::Mode::ReadWrite);
  migrate(two);
  {
    StoreWriter w(two);
    auto a = file_record(w.start_run("t", "", "[]", "{}"), "a");
    w.begin_file(a);
    feed(w, 0, 700);
    w.commit_file(a, "P1");
  }
  {
    StoreWriter w(two);
    EXPECT_EQ(w.load_state(), "P1");
    auto b = file_record(w.start_run("t", "", "[]", "{}"), "b");
    w.begin_file(b);
    feed(w, 700, 1400);
    w.commit_file(b, "P2");
  }
  for (const char* q : {"SELECT sum(fixes) FROM vessels", "SELECT count(*) FROM events"}) {
    EXPECT_EQ(one.scalar_int(q), two.scalar_int(q)) << q;
  }
  auto a = testing::all_positions(one), b = testing::all_positions(two);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].first, b[i].first);
    ASSERT_EQ(a[i].second.t_ms, b[i].second.t_ms);
    ASSERT_EQ(a[i].second.lat_e6, b[i].second.lat_e6);
  }
  EXPECT_GT(a.size(), 2u * 1400 / 6);
}

}  // namespace
}  // namespace seawarden::store
