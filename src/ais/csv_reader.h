// AIS CSV exports turned into the same typed records as radio messages.
//
// Recognised by their header line:
//  - NOAA MarineCadastre: MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,...
//  - Danish Maritime Authority: # Timestamp,Type of mobile,MMSI,Latitude,Longitude,...
//  - Spire-style decoded messages (as in AISdb): MMSI,Message_ID,Repeat_indicator,Time,...
//  - any other export naming at least an MMSI (or vessel id), a time, a latitude and a
//    longitude column, by common names in any case or spelling ("mmsi,base_date_time,
//    latitude,longitude,sog,...", "ID,timestamp,lon,lat"; see csv_columns.h). Times are
//    ISO-8601, epoch seconds or milliseconds, or day-first "dd/mm/yyyy hh:mm[:ss]", in UTC.
// Positions become PositionA (type 1, or the row's own type 1-3) or PositionB (type 18)
// for Class B; static columns become a StaticVoyage (type 5) emitted only when the
// static values of that MMSI change, so a CSV does not flood identity history.
// Rows that carry their message type (Spire; seawarden's own CSV, read by names) keep it:
// seawarden's rows read back as they were decoded (docs/decode-csv.md, "Reading CSV exports").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ais/message.h"

namespace seawarden::ais {

enum class CsvFormat : std::uint8_t { None, Noaa, Dma, Spire, Named };

// Which export a header line announces (None when it is not one we know).
CsvFormat detect_csv_header(std::string_view header_line);
// Longest first line taken as a header read by column names (column indexes are 16-bit).
inline constexpr std::size_t kMaxNamedHeader = 4096;

class CsvReader {
 public:
  // `header_line` is the (already detected) header; columns are located by name.
  CsvReader(CsvFormat format, std::string_view header_line);

  // Parses one data row into up to two records (a position and/or a static report).
  // Returns the number of records written to out[0..], or -1 for an unusable row.
  // Rows of message types without a typed record (Spire types 6-17, 20-26 except 24)
  // return 0 and count in skipped_rows().
  int parse_row(std::string_view line, Received out[2]);

  std::uint64_t skipped_rows() const { return skipped_; }
  std::uint64_t static_unchanged() const { return static_unchanged_; }

  enum Col : std::uint8_t {
    kMmsi, kTime, kMillis, kLat, kLon, kSog, kCog, kHeading, kRot, kStatus, kName, kImo,
    kCallsign, kShipType, kCargo, kLength, kWidth, kDraught, kDestination, kEta, kToBow,
    kToStern, kToPort, kToStarboard, kMsgId, kClass, kEpfd, kEtaMonth, kEtaDay, kEtaHour,
    kEtaMinute, kAccuracy, kRaim, kSecond, kAisVersion, kPartNumber, kVendor, kRepeat,
    kManeuver, kRadio, kYear, kMonth, kDay, kHour, kMinute, kUtcSecond, kDte, kGnss,
    kColCount
  };

 private:
  std::string_view col(Col c) const;
  bool split(std::string_view line);
  TimeMs row_time() const;
  bool fill_static(StaticVoyage& s);
  bool static_changed(std::uint64_t key, std::uint64_t hash);

  CsvFormat format_;
  bool radio_rows_ = false;  // a Named export with a message type column: decoded radio messages
  std::int16_t index_[kColCount];
  std::vector<std::string_view> fields_;
  std::string unquoted_;  // quoted fields with doubled quotes, made single (fields_ may point here)
  std::unordered_map<std::uint64_t, std::uint64_t> static_hash_;  // (mmsi, kind) -> FNV of values
  std::uint64_t skipped_ = 0, static_unchanged_ = 0;
};

}  // namespace seawarden::ais
