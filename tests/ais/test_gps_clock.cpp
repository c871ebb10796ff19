// The receiver's GPS clock: $--ZDA / $--RMC sentences in a raw log date the untimed AIS
// sentences after them (parse_gps_time in timestamps.h, Reader).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ais/reader.h"
#include "ais/timestamps.h"

using namespace seawarden::ais;

namespace {

// "$" + body + "*hh" with the body's checksum.
std::string nmea(const std::string& body) {
  unsigned x = 0;
  for (char c : body) x ^= static_cast<unsigned char>(c);
  char hex[4];
  std::snprintf(hex, sizeof hex, "%02X", x);
  return "$" + body + "*" + hex;
}

std::vector<TimeMs> times_of(const std::string& text) {
  std::vector<TimeMs> out;
  Reader r([&](const Received& m) { out.push_back(m.meta.rxtime); });
  r.feed(text);
  r.finish();
  return out;
}

const std::string kType1 = "!AIVDM,1,1,,B,13aDp<PP000IwSlN?Wm@0?wN2<1T,0*29\n";

// `ticks` ZDA lines a second apart from 2024-05-01 12:00:00, each followed by `between` - 1
// type 1 sentences, then `tail` sentences with no tick.
std::string ticking(int ticks, int between, int tail) {
  std::string text;
  for (int s = 0; s < ticks; ++s) {
    text += nmea("GPZDA,12000" + std::to_string(s) + ".00,01,05,2024,,") + "\n";
    for (int i = 1; i < between; ++i) text += kType1;
  }
  for (int i = 0; i < tail; ++i) text += kType1;
  return text;
}

}  // namespace

TEST(GpsClock, ZdaAndRmc) {
  TimeMs t = kUnknownTime;
  EXPECT_EQ(parse_gps_time("$GPZDA,114702.51,27,01,2012,,*66", t), GpsTime::Time);
  EXPECT_EQ(format_iso8601(t), "2012-01-27T11:47:02.510Z");
  EXPECT_EQ(parse_gps_time("$GPRMC,213950.00,A,5250.53669,N,00542.34920,E,0.020,,070420,,,A*7D", t), GpsTime::Time);
  EXPECT_EQ(format_iso8601(t), "2020-04-07T21:39:50Z");
  // Other talkers (GNSS, integrated navigation), whole seconds.
  EXPECT_EQ(parse_gps_time(nmea("GNZDA,000000,01,01,2024,00,00"), t), GpsTime::Time);
  EXPECT_EQ(format_iso8601(t), "2024-01-01T00:00:00Z");
  EXPECT_EQ(parse_gps_time(nmea("INRMC,235959.9,A,3730.0,N,12430.0,E,10.0,90.0,311224,,"), t), GpsTime::Time);
  EXPECT_EQ(format_iso8601(t), "2024-12-31T23:59:59.900Z");
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,120000,29,02,2024,,"), t), GpsTime::Time);  // a leap day
}

TEST(GpsClock, RefusesWhatIsNotATrustworthyTime) {
  TimeMs t = kUnknownTime;
  // RMC status V: no fix, the time may be the receiver's unsynchronised guess.
  EXPECT_EQ(parse_gps_time(nmea("GPRMC,213950.00,V,,,,,,,070420,,,N"), t), GpsTime::NoFix);
  // Impossible days; a receiver without a fix near the GPS epoch; a week-number rollover
  // putting a 2019 log in 1999.
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,120000,31,02,2024,,"), t), GpsTime::NoTime);
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,120000,29,02,2023,,"), t), GpsTime::NoTime);
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,120000,31,04,2024,,"), t), GpsTime::NoTime);
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,000012,06,01,1980,,"), t), GpsTime::NoTime);
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,101500,21,08,1999,,"), t), GpsTime::NoTime);
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,,,,,,"), t), GpsTime::NoTime);
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,256000.00,27,01,2012,,"), t), GpsTime::NoTime);  // hour 25
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,114702.51,27,13,2012,,"), t), GpsTime::NoTime);  // month 13
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,114702.51,27,01,1970,,"), t), GpsTime::NoTime);  // before 1980
  EXPECT_EQ(parse_gps_time(nmea("GPZDA,11470x.51,27,01,2012,,"), t), GpsTime::NoTime);
  EXPECT_EQ(parse_gps_time("$GPZDA,114702.51,27,01,2012,,*67", t), GpsTime::BadChecksum);
  EXPECT_EQ(parse_gps_time("$GPZDA,114702.51,27,01,2012,,", t), GpsTime::BadChecksum);
  EXPECT_EQ(parse_gps_time("$GPGGA,213950.00,5250.53669,N,00542.34920,E,1,09,1.03,-6.0,M,45.8,M,,*7B", t),
            GpsTime::NotGps);
  EXPECT_EQ(parse_gps_time("$PGHP,1,2014,10,2,16,30,3,887,219,1,992190917,1,7B*5C", t), GpsTime::NotGps);
  EXPECT_EQ(parse_gps_time("$ZDA", t), GpsTime::NotGps);
}

TEST(GpsClock, DatesTheSentencesAfterEachTick) {
  const std::string zda1 = nmea("GPZDA,120000.00,01,05,2024,,") + "\n";
  const std::string zda2 = nmea("GPZDA,120001.50,01,05,2024,,") + "\n";
  const TimeMs t1 = utc_to_ms(2024, 5, 1, 12, 0, 0, 0), t2 = t1 + 1500;
  const auto times = times_of(kType1 + zda1 + kType1 + kType1 + zda2 + kType1);
  ASSERT_EQ(times.size(), 4u);
  EXPECT_EQ(times[0], kUnknownTime);  // before the first tick
  EXPECT_EQ(times[1], t1);
  EXPECT_EQ(times[2], t1);
  EXPECT_EQ(times[3], t2);

  // A time of the sentence's own (tag block) wins over the clock.
  std::string tag = "\\";  // "\c:...*hh\": the same checksum rule as "$c:...*hh"
  tag += nmea("c:1715212800").substr(1);
  tag += '\\';
  const auto tagged = times_of(zda1 + tag + kType1);
  ASSERT_EQ(tagged.size(), 1u);
  EXPECT_EQ(tagged[0], 1715212800000);

  // A tick with a bad checksum is counted and does not move the clock.
  std::vector<TimeMs> out;
  Reader r([&](const Received& m) { out.push_back(m.meta.rxtime); });
  r.feed(zda1 + "$GPZDA,120009.00,01,05,2024,,*00\n" + kType1);
  r.finish();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], t1);
  EXPECT_EQ(r.stats().errors[static_cast<std::size_t>(LineError::BadChecksum)], 1u);
  EXPECT_EQ(r.stats().clock_messages, 1u);
  EXPECT_EQ(r.stats().metadata_lines, 1u);
}

TEST(GpsClock, ReachFollowsTheUsualTickInterval) {
  // Ticks every 100 lines: the clock reaches 4 x 100 lines past the last one, no further.
  const auto times = times_of(ticking(3, 100, 600));
  ASSERT_EQ(times.size(), 3u * 99u + 600u);
  int dated = 0;
  for (TimeMs t : times) dated += t != kUnknownTime;
  EXPECT_EQ(dated, 3 * 99 + (400 - 99));

  // An outage is not an interval: ticks every 10 lines, 1,000 lines without one (the clock is
  // lost after 200), one tick, then 1,000 more: only 200 lines of reach after that tick, not
  // four times the outage.
  std::string text = ticking(3, 10, 1000);
  text += nmea("GPZDA,121000.00,01,05,2024,,") + "\n";
  for (int i = 0; i < 1000; ++i) text += kType1;
  const auto after = times_of(text);
  const TimeMs late_tick = utc_to_ms(2024, 5, 1, 12, 10, 0, 0);
  int dated_after = 0;
  for (TimeMs t : after) dated_after += t == late_tick;
  EXPECT_EQ(dated_after, 200);
}

TEST(GpsClock, NoFixStopsTheClockAndWrappersStillWin) {
  // RMC V: the receiver lost its fix, its clock is no longer trusted.
  const auto times = times_of(nmea("GPZDA,120000.00,01,05,2024,,") + "\n" + kType1 +
                              nmea("GPRMC,120001.00,V,,,,,,,010524,,,N") + "\n" + kType1);
  ASSERT_EQ(times.size(), 2u);
  EXPECT_NE(times[0], kUnknownTime);
  EXPECT_EQ(times[1], kUnknownTime);

  // A $PGHP wrapper naming the sentence dates it, and the message is not counted as clock-dated.
  std::vector<TimeMs> out;
  Reader r([&](const Received& m) { out.push_back(m.meta.rxtime); });
  r.feed(nmea("GPZDA,120000.00,01,05,2024,,") + "\n" + "$PGHP,1,2024,5,1,12,0,0,500,219,,2190077,1,29*1E\n" + kType1);
  r.finish();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], utc_to_ms(2024, 5, 1, 12, 0, 0, 500));
  EXPECT_EQ(r.stats().clock_messages, 0u);
}

TEST(GpsClock, LostWhenTheTicksStop) {
  // Ticks every 10 lines, then none: after 4 x 10 lines... at least 200 lines, the clock is
  // lost and later sentences are left undated rather than all put at the last tick.
  const auto times = times_of(ticking(3, 10, 400));
  ASSERT_EQ(times.size(), 27u + 400u);
  const TimeMs last_tick = utc_to_ms(2024, 5, 1, 12, 0, 2, 0);
  EXPECT_EQ(times[26], last_tick);
  EXPECT_EQ(times[26 + 190], last_tick);  // 200 lines after the tick: still running
  EXPECT_EQ(times.back(), kUnknownTime);
  int dated = 0;
  for (TimeMs t : times) dated += t != kUnknownTime;
  EXPECT_EQ(dated, 27 + 191);  // the tick's line + 200 lines of reach

  // Another file is another receiver: its sentences before its own first tick are undated.
  std::vector<TimeMs> out;
  Reader r([&](const Received& m) { out.push_back(m.meta.rxtime); });
  r.feed(nmea("GPZDA,120000.00,01,05,2024,,") + "\n" + kType1);
  r.finish();
  r.feed(kType1);
  r.finish();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_NE(out[0], kUnknownTime);
  EXPECT_EQ(out[1], kUnknownTime);
}
