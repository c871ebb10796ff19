// AIS CSV exports: header recognition, typed records, static de-duplication.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ais/csv_reader.h"
#include "ais/csv_writer.h"
#include "ais/json_writer.h"
#include "ais/reader.h"

using namespace seawarden::ais;

namespace {

std::vector<Received> read_all(const std::string& text, ReaderStats* stats = nullptr) {
  std::vector<Received> out;
  Reader r([&](const Received& m) { out.push_back(m); });
  r.feed(text);
  r.finish();
  if (stats) *stats = r.stats();
  return out;
}

const char* kNoaaHeader =
    "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,"
    "Draft,Cargo,TransceiverClass\n";

}  // namespace

TEST(CsvReader, DetectsHeaders) {
  EXPECT_EQ(detect_csv_header(kNoaaHeader), CsvFormat::Noaa);
  EXPECT_EQ(detect_csv_header("# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status"),
            CsvFormat::Dma);
  EXPECT_EQ(detect_csv_header("MMSI,Message_ID,Repeat_indicator,Time,Millisecond,Region"), CsvFormat::Spire);
  EXPECT_EQ(detect_csv_header("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70"), CsvFormat::None);
  EXPECT_EQ(detect_csv_header("mmsi,lat,lon"), CsvFormat::None);
  // Other exports, by their column names.
  EXPECT_EQ(detect_csv_header("mmsi,base_date_time,longitude,latitude,sog,cog,heading,vessel_name,imo,"
                              "call_sign,vessel_type,status,length,width,draft,cargo,transceiver"),
            CsvFormat::Named);
  EXPECT_EQ(detect_csv_header("\xEF\xBB\xBFID,ais_pos_timestamp,longitude,latitude\r"), CsvFormat::Named);
  EXPECT_EQ(detect_csv_header("\"MMSI\",\"Timestamp\",\"Lat\",\"Lng\""), CsvFormat::Named);
  EXPECT_EQ(detect_csv_header("mmsi,timestamp,lat"), CsvFormat::None);         // no longitude
  EXPECT_EQ(detect_csv_header("mmsi;timestamp;lat;lon"), CsvFormat::None);     // not comma-separated
  EXPECT_EQ(detect_csv_header("name,timestamp,lat,lon"), CsvFormat::None);     // no vessel id
}

TEST(CsvReader, NamedColumnsReadLikeTheExportTheyRename) {
  // The NOAA rows above under NOAA's newer snake_case header, columns in another order: the
  // records must be the same.
  const std::string noaa = std::string(kNoaaHeader) +
      "636021061,2023-01-11T00:00:00,26.09241,-80.04806,8.8,272.7,270.0,MSC NAISHA III,IMO9307839,5LCB4,70,"
      "8.0,208.0,30.0,8.0,70.0,A\n"
      "367100000,2023-01-11T00:02:00,30.0,-90.0,0.0,360.0,511.0,SMALL ONE,,WDX1,37,15.0,,,,,B\n";
  const std::string named =
      "mmsi,base_date_time,longitude,latitude,sog,cog,heading,vessel_name,imo,call_sign,vessel_type,status,"
      "length,width,draft,cargo,transceiver\n"
      "636021061,2023-01-11 00:00:00,-80.04806,26.09241,8.8,272.7,270.0,MSC NAISHA III,IMO9307839,5LCB4,70,"
      "8.0,208.0,30.0,8.0,70.0,A\n"
      "367100000,2023-01-11T00:02:00Z,-90.0,30.0,0.0,360.0,511.0,SMALL ONE,,WDX1,37,15.0,,,,,B\n";
  const auto a = read_all(noaa), b = read_all(named);
  ASSERT_EQ(a.size(), 4u);
  ASSERT_EQ(b.size(), a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(b[i].msg.type, a[i].msg.type) << i;
    EXPECT_EQ(b[i].msg.mmsi, a[i].msg.mmsi) << i;
    EXPECT_EQ(b[i].meta.rxtime, a[i].meta.rxtime) << i;
    std::string ja, jb;  // every field, as decode writes it
    append_json(a[i], JsonOptions{}, ja);
    append_json(b[i], JsonOptions{}, jb);
    EXPECT_EQ(jb, ja) << i;
  }
}

TEST(CsvReader, NamedColumnsTimesAndPreferences) {
  // An "mmsi" column is taken before an "id" one; times as epoch seconds, milliseconds, ISO with
  // a space, or day-first with or without seconds; navigational status as text or number.
  const std::string text =
      "id,MMSI,Time,Lat,Lon,Speed,Course,Nav Status\n"
      "7,412000001,1715212800,38.5,124.9,0.4,10,Moored\n"
      "7,412000001,1715212860000,38.5,124.9,0.4,10,5\n"
      "7,412000001,2024-05-09 00:02:00,38.5,124.9,0.4,10,under way using engine\n"
      "7,412000001,09/05/2024 00:03,38.5,124.9,0.4,10,\n"
      "7,412000001,09/05/2024 00:04:30,38.5,124.9,0.4,10,\n"
      "7,412000001,yesterday,38.5,124.9,0.4,10,\n";
  ReaderStats st;
  const auto recs = read_all(text, &st);
  ASSERT_EQ(recs.size(), 5u);
  const std::int64_t t0 = 1715212800000;  // 2024-05-09T00:00:00Z
  const std::int64_t want[] = {t0, t0 + 60000, t0 + 120000, t0 + 180000, t0 + 270000};
  for (std::size_t i = 0; i < recs.size(); ++i) {
    EXPECT_EQ(recs[i].msg.mmsi, 412000001u) << i;
    EXPECT_EQ(recs[i].meta.rxtime, want[i]) << i;
    EXPECT_EQ(std::get<PositionA>(recs[i].msg.body).speed, 4) << i;
  }
  EXPECT_EQ(std::get<PositionA>(recs[0].msg.body).status, 5);
  EXPECT_EQ(std::get<PositionA>(recs[1].msg.body).status, 5);
  EXPECT_EQ(std::get<PositionA>(recs[2].msg.body).status, 0);
  EXPECT_EQ(std::get<PositionA>(recs[3].msg.body).status, 15);
  EXPECT_EQ(st.errors[static_cast<std::size_t>(LineError::BadCsvRow)], 1u);  // "yesterday"
}

TEST(CsvReader, NoaaPositionAndStaticOnce) {
  // Rows from aisdb/test_data_noaa_20230101.csv, the second one repeated a minute later.
  const std::string text = std::string(kNoaaHeader) +
      "636021061,2023-01-11T00:00:00,26.09241,-80.04806,8.8,272.7,270.0,MSC NAISHA III,IMO9307839,5LCB4,70,"
      "8.0,208.0,30.0,8.0,70.0,A\r\n"
      "636021061,2023-01-11T00:01:00,26.09200,-80.05000,8.7,272.0,270.0,MSC NAISHA III,IMO9307839,5LCB4,70,"
      "8.0,208.0,30.0,8.0,70.0,A\r\n"
      "367100000,2023-01-11T00:02:00,30.0,-90.0,0.0,360.0,511.0,SMALL ONE,,WDX1,37,15.0,,,,,B\n";
  ReaderStats st;
  const auto recs = read_all(text, &st);
  ASSERT_EQ(recs.size(), 5u);  // pos+static, pos, pos(B)+static
  const Received& p = recs[0];
  EXPECT_TRUE(p.meta.from_csv);
  EXPECT_EQ(p.msg.type, 1);
  EXPECT_EQ(p.msg.mmsi, 636021061u);
  EXPECT_EQ(p.meta.rxtime, 1673395200000);  // 2023-01-11T00:00:00Z
  const auto& a = std::get<PositionA>(p.msg.body);
  EXPECT_EQ(a.lat, 15655446);   // 26.09241 deg * 600000
  EXPECT_EQ(a.lon, -48028836);
  EXPECT_EQ(a.speed, 88);
  EXPECT_EQ(a.course, 2727);
  EXPECT_EQ(a.heading, 270);
  EXPECT_EQ(a.status, 8);
  const Received& s = recs[1];
  EXPECT_EQ(s.msg.type, 5);
  const auto& sv = std::get<StaticVoyage>(s.msg.body);
  EXPECT_EQ(sv.shipname.view(), "MSC NAISHA III");
  EXPECT_EQ(sv.callsign.view(), "5LCB4");
  EXPECT_EQ(sv.imo, 9307839u);
  EXPECT_EQ(sv.shiptype, 70);
  EXPECT_EQ(sv.to_bow + sv.to_stern, 208);
  EXPECT_EQ(sv.to_port + sv.to_starboard, 30);
  EXPECT_EQ(sv.draught, 80);
  EXPECT_EQ(recs[2].msg.type, 1);  // unchanged static values: no second type 5
  EXPECT_EQ(recs[3].msg.type, 18);
  EXPECT_EQ(std::get<PositionB>(recs[3].msg.body).heading, kHeadingNotAvailable);
  EXPECT_EQ(recs[4].msg.type, 5);
  EXPECT_EQ(st.csv_rows, 3u);
  EXPECT_EQ(st.messages, 5u);
}

TEST(CsvReader, DmaHandMadeSample) {
  // Written from the documented DMA header (no sample in the shared data).
  const std::string text =
      "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,"
      "Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,"
      "ETA,Data source type,A,B,C,D\n"
      "01/03/2024 00:00:01,Class A,219000001,55.676100,12.568300,Under way using engine,-2.0,12.3,45.6,47,"
      "IMO9000001,OXAB2,NORDIC TEST,Tanker,Category X,32,180,GPS,9.5,AARHUS,03/03/2024 14:30:00,AIS,150,30,16,16\n"
      "01/03/2024 00:00:02,Class A,219000001,55.676200,12.568400,Under way using engine,0.0,12.2,45.0,46,"
      "IMO9000001,OXAB2,NORDIC TEST,Tanker,Category X,32,180,GPS,9.5,AARHUS,03/03/2024 14:30:00,AIS,150,30,16,16\n"
      "01/03/2024 00:00:03,Base Station,2190001,55.0,12.0,Unknown value,,,,,Unknown,Unknown,,Undefined,,,,"
      "Surveyed,,Unknown,,AIS,,,,\n"
      "01/03/2024 00:00:04,Class B,219000002,55.5,12.5,Unknown value,,5.0,,,Unknown,OU1234,SEA BREEZE,Pleasure,,"
      "3,10,GPS,,Unknown,,AIS,5,5,1,2\n"
      "not a row\n";
  ReaderStats st;
  const auto recs = read_all(text, &st);
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[0].msg.type, 1);
  EXPECT_EQ(recs[0].meta.rxtime, 1709251201000);  // 2024-03-01T00:00:01Z
  const auto& p = std::get<PositionA>(recs[0].msg.body);
  EXPECT_EQ(p.status, 0);
  EXPECT_EQ(p.turn, -7);  // 4.733 * sqrt(2) rounded, negative
  EXPECT_EQ(p.speed, 123);
  EXPECT_EQ(p.heading, 47);
  EXPECT_EQ(p.lat, 33405660);
  const auto& s = std::get<StaticVoyage>(recs[1].msg.body);
  EXPECT_EQ(s.shiptype, 81);  // tanker, hazard category X
  EXPECT_EQ(s.to_bow, 150);
  EXPECT_EQ(s.to_stern, 30);
  EXPECT_EQ(s.draught, 95);
  EXPECT_EQ(s.destination.view(), "AARHUS");
  EXPECT_EQ(s.month, 3);
  EXPECT_EQ(s.day, 3);
  EXPECT_EQ(s.hour, 14);
  EXPECT_EQ(s.minute, 30);
  EXPECT_EQ(s.epfd, 1);
  EXPECT_EQ(recs[2].msg.type, 1);   // the second row: static unchanged
  EXPECT_EQ(recs[3].msg.type, 18);  // Class B
  EXPECT_EQ(std::get<StaticVoyage>(recs[4].msg.body).shiptype, 37);
  EXPECT_EQ(st.csv_rows_skipped, 1u);  // the base station row
  EXPECT_EQ(st.errors[static_cast<int>(LineError::BadCsvRow)], 1u);
}

TEST(CsvReader, SpireRowsKeepTheirTypes) {
  std::string header =
      "MMSI,Message_ID,Repeat_indicator,Time,Millisecond,Region,Country,Base_station,Online_data,Group_code,"
      "Sequence_ID,Channel,Data_length,Vessel_Name,Call_sign,IMO,Ship_Type,Dimension_to_Bow,Dimension_to_stern,"
      "Dimension_to_port,Dimension_to_starboard,Draught,Destination,AIS_version,Navigational_status,ROT,SOG,"
      "Accuracy,Longitude,Latitude,COG,Heading\n";
  const std::string text = header +
      "\"366773000\",\"3\",\"0\",\"20210701_185154\",\"560\",\"66\",\"\",\"\",\"\",\"None\",\"\",\"\",\"[28]\","
      "\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"-14.46345342\",\"17.0\",\"0\","
      "\"161.572958333\",\"-5.75283333333\",\"136.1\",\"134.0\"\n"
      "\"538007407\",\"5\",\"0\",\"20210701_052052\",\"640\",\"66\",\"\",\"\",\"\",\"None\",\"6\",\"\",\"[56, 15]\","
      "\"GH ZONDA            \",\"V7MF3  \",\"9436472\",\"71\",\"182\",\"49\",\"24\",\"8\",\"87\","
      "\"BLUFF               \",\"2\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"
      "\"1\",\"99\",\"0\",\"20210701_052052\",\"640\"\n";
  ReaderStats st;
  const auto recs = read_all(text, &st);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].msg.type, 3);
  EXPECT_EQ(recs[0].meta.rxtime, 1625165514560);  // 2021-07-01T18:51:54.560Z
  const auto& p = std::get<PositionA>(recs[0].msg.body);
  EXPECT_EQ(p.turn, -18);
  EXPECT_EQ(p.speed, 170);
  EXPECT_EQ(p.heading, 134);
  EXPECT_EQ(p.lat, -3451700);
  const auto& s = std::get<StaticVoyage>(recs[1].msg.body);
  EXPECT_EQ(s.shipname.view(), "GH ZONDA");
  EXPECT_EQ(s.callsign.view(), "V7MF3");
  EXPECT_EQ(s.imo, 9436472u);
  EXPECT_EQ(s.draught, 87);
  EXPECT_EQ(s.to_bow, 182);
  EXPECT_EQ(s.destination.view(), "BLUFF");
  EXPECT_EQ(st.errors[static_cast<int>(LineError::BadCsvRow)], 1u);  // type 99
}

TEST(CsvReader, OwnCsvOutputReadsBack) {
  // decode --format csv, read again: positions keep MMSI, time and raw position, and static
  // rows (no position) give their identity only.
  // (three lines of amsa/exact-earth-with-tag-block.txt)
  const std::string nmea =
      "\\g:1-2-3985,s:rEV02,c:1334337317*2D\\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0T,0*70\n"
      "\\g:2-2-3985*5A\\!AIVDM,2,2,9,B,PFRC88888888880,2*29\n"
      "\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F\n";
  std::vector<Received> first;
  Reader r([&](const Received& m) { first.push_back(m); });
  r.feed(nmea);
  r.finish();
  ASSERT_EQ(first.size(), 2u);
  std::string csv;
  append_csv_header(CsvWriterOptions{}, csv);
  for (const Received& m : first) append_csv_row(m, CsvWriterOptions{}, csv);
  const auto back = read_all(csv);
  ASSERT_EQ(back.size(), 2u) << csv;
  EXPECT_EQ(back[0].msg.type, 5);  // the static row: no position
  EXPECT_EQ(back[0].msg.mmsi, first[0].msg.mmsi);
  EXPECT_EQ(std::get<StaticVoyage>(back[0].msg.body).shipname.view(),
            std::get<StaticVoyage>(first[0].msg.body).shipname.view());
  EXPECT_FALSE(std::get<StaticVoyage>(back[0].msg.body).shipname.view().empty());
  EXPECT_EQ(std::get<StaticVoyage>(back[0].msg.body).imo, std::get<StaticVoyage>(first[0].msg.body).imo);
  EXPECT_EQ(back[1].msg.type, 1);
  EXPECT_EQ(back[1].msg.mmsi, first[1].msg.mmsi);
  EXPECT_EQ(back[1].meta.rxtime, first[1].meta.rxtime);
  EXPECT_EQ(std::get<PositionA>(back[1].msg.body).lat, std::get<PositionA>(first[1].msg.body).lat);
  EXPECT_EQ(std::get<PositionA>(back[1].msg.body).lon, std::get<PositionA>(first[1].msg.body).lon);
  EXPECT_EQ(std::get<PositionA>(back[1].msg.body).speed, std::get<PositionA>(first[1].msg.body).speed);
}

TEST(CsvReader, NamedColumnsEdgeCases) {
  // Not headers: NMEA, tag blocks, JSON lines.
  EXPECT_EQ(detect_csv_header("\\s:rEV02,c:1334337317*58\\!AIVDM,1,1,,B,19NWuLhuRb5QHfCpPcwj`26B0<02,0*5F"),
            CsvFormat::None);
  EXPECT_EQ(detect_csv_header("{\"mmsi\":1,\"time\":2,\"lat\":3,\"lon\":4}"), CsvFormat::None);
  EXPECT_EQ(detect_csv_header(std::string(5000, 'x') + ",mmsi,time,lat,lon"), CsvFormat::None);  // too long
  // A quoted name holding a comma is one column, in detection and in reading alike: "Lat, deg"
  // is no latitude column, so the file is not taken for positions it would read without one.
  EXPECT_EQ(detect_csv_header("\"Lat, deg\",mmsi,time,lon"), CsvFormat::None);
  const auto quoted = read_all("\"Lat\",\"MMSI\",\"Time\",\"Lon\"\n38.5,412000001,1715212800,124.9\n");
  ASSERT_EQ(quoted.size(), 1u);
  EXPECT_EQ(std::get<PositionA>(quoted[0].msg.body).lat, 23100000);  // 38.5 * 600000
  // An unambiguous time column is taken before "timestamp" (here the report's UTC second).
  const auto second = read_all("mmsi,msgtime,lat,lon,timestamp\n412000001,2024-05-09T00:00:00Z,38.5,124.9,37\n");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].meta.rxtime, 1715212800000);
  // Rate of turn: 720 is ROT_AIS 127 (faster than 5 degrees per 30 s), just under it 126.
  const auto turn = read_all("mmsi,time,lat,lon,rot\n1,1715212800,1,1,720.00\n1,1715212801,1,1,-720\n"
                             "1,1715212802,1,1,708.71\n");
  ASSERT_EQ(turn.size(), 3u);
  EXPECT_EQ(std::get<PositionA>(turn[0].msg.body).turn, 127);
  EXPECT_EQ(std::get<PositionA>(turn[1].msg.body).turn, -127);
  EXPECT_EQ(std::get<PositionA>(turn[2].msg.body).turn, 126);
  // Day-first times: text after the seconds or a 13th month is a bad row.
  ReaderStats st;
  const auto dmy = read_all("mmsi,time,lat,lon\n1,09/05/2024 00:03:00Z,1,1\n1,09/13/2024 00:03,1,1\n"
                            "1,09/05/2024 00:03:07,1,1\n", &st);
  ASSERT_EQ(dmy.size(), 1u);
  EXPECT_EQ(dmy[0].meta.rxtime, 1715212987000);
  EXPECT_EQ(st.errors[static_cast<std::size_t>(LineError::BadCsvRow)], 2u);
}

TEST(CsvReader, OwnCsvRowsKeepTheirMessageTypes) {
  // seawarden's own columns (rxtime, type): base stations, aids to navigation and SAR aircraft
  // are no vessels; Class B stays Class B; the rows are radio messages (two confirmations for
  // an identity change), not a curated export.
  const std::string text =
      "rxtime,station,type,mmsi,lat,lon,speed,course,heading,turn,status,shipname,shiptype\n"
      "2024-05-09T00:00:00Z,s,4,2573135,38.5,124.9,,,,,,,\n"
      "2024-05-09T00:00:00Z,s,21,995031029,38.5,124.9,,,,,,BUOY,\n"
      "2024-05-09T00:00:00Z,s,9,111257500,38.5,124.9,100,10,,,,,\n"
      "2024-05-09T00:00:01Z,s,18,412000002,38.5,124.9,0.1,10,,,,,\n"
      "2024-05-09T00:00:02Z,s,1,412000001,,,0.1,10,,,0,,\n"
      "2024-05-09T00:00:03Z,s,5,412000001,,,,,,,,OCEAN STAR,80\n";
  ReaderStats st;
  const auto recs = read_all(text, &st);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].msg.type, 18);
  EXPECT_EQ(recs[1].msg.type, 1);  // no position: one "not available", as the radio message had
  EXPECT_EQ(std::get<PositionA>(recs[1].msg.body).lat, kLatNotAvailable);
  EXPECT_EQ(recs[2].msg.type, 5);
  for (const auto& r : recs) EXPECT_FALSE(r.meta.from_csv);
  EXPECT_EQ(st.csv_rows_skipped, 3u);
  // Without "rxtime" and "station" beside it, "type" is not taken for a message type (often the
  // ship type).
  for (const char* header : {"mmsi,time,lat,lon,type\n", "rxtime,mmsi,lat,lon,type\n"}) {
    const bool time_first = header[0] == 'r';
    const auto other = read_all(std::string(header) + (time_first ? "1715212800,412000001" : "412000001,1715212800") +
                                ",38.5,124.9,70\n");
    ASSERT_EQ(other.size(), 1u) << header;
    EXPECT_EQ(other[0].msg.type, 1);
    EXPECT_TRUE(other[0].meta.from_csv);
  }
  // Type 24: an empty part A still makes its record (a vessel seen), a merged AB is a part B;
  // a type that is no number is skipped and counted.
  ReaderStats st24;
  const auto b = read_all("rxtime,station,type,mmsi,lat,lon,shipname,callsign,part\n"
                          "2024-05-09T00:00:00Z,s,24,999999993,,,,,A\n"
                          "2024-05-09T00:00:01Z,s,24,412000002,,,SEA BREEZE,OU1234,AB\n"
                          "2024-05-09T00:00:02Z,s,x,412000002,38.5,124.9,,,\n", &st24);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].msg.type, 24);
  EXPECT_EQ(std::get<StaticB>(b[0].msg.body).partno, 0);
  EXPECT_EQ(std::get<StaticB>(b[1].msg.body).partno, 1);
  EXPECT_EQ(std::get<StaticB>(b[1].msg.body).callsign.view(), "OU1234");
  EXPECT_EQ(st24.csv_rows_skipped, 1u);
}

TEST(CsvReader, DoubledQuotesInAQuotedFieldReadAsOne) {
  // RFC 4180: a quote inside a quoted field is written twice. Kept doubled, every round trip
  // through decode --format csv doubled it again.
  const std::string text = std::string(kNoaaHeader) +
      "636021061,2023-01-11T00:00:00,26.09241,-80.04806,8.8,272.7,270.0,\"O\"\"NEILL, \"\"STAR\"\"\",IMO9307839,"
      "\"5L\"\"B4\",70,8.0,208.0,30.0,8.0,70.0,A\n";
  const auto recs = read_all(text);
  ASSERT_EQ(recs.size(), 2u);
  const auto& sv = std::get<StaticVoyage>(recs[1].msg.body);
  EXPECT_EQ(sv.shipname.view(), "O\"NEILL, \"STAR\"");
  EXPECT_EQ(sv.callsign.view(), "5L\"B4");
  EXPECT_EQ(sv.imo, 9307839u);

  // Written by seawarden and read back: the same name, however many times.
  std::string csv;
  append_csv_header(CsvWriterOptions{}, csv);
  for (const Received& m : recs) append_csv_row(m, CsvWriterOptions{}, csv);
  for (int round = 0; round < 3; ++round) {
    const auto back = read_all(csv);
    ASSERT_EQ(back.size(), 2u) << csv;
    const Received& static_row = back[0].msg.type == 5 ? back[0] : back[1];
    ASSERT_EQ(static_row.msg.type, 5);
    EXPECT_EQ(std::get<StaticVoyage>(static_row.msg.body).shipname.view(), "O\"NEILL, \"STAR\"") << csv;
    csv.clear();
    append_csv_header(CsvWriterOptions{}, csv);
    for (const Received& m : back) append_csv_row(m, CsvWriterOptions{}, csv);
  }
}
