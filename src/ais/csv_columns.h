// Which column of an AIS CSV export holds what: the exact headers of the exports recognised
// by name (NOAA MarineCadastre, DMA, Spire) and, for any other export, names matched after
// normalisation (lower case, letters and digits only: "Base_Date_Time" = "basedatetime").
#pragma once

#include <string>
#include <string_view>

#include "ais/csv_reader.h"

namespace seawarden::ais::csv {

using Col = CsvReader::Col;

struct ColumnName {
  const char* name;
  Col col;
};

inline constexpr ColumnName kNoaa[] = {
    {"MMSI", Col::kMmsi},         {"BaseDateTime", Col::kTime},  {"LAT", Col::kLat},
    {"LON", Col::kLon},           {"SOG", Col::kSog},            {"COG", Col::kCog},
    {"Heading", Col::kHeading},   {"VesselName", Col::kName},    {"IMO", Col::kImo},
    {"CallSign", Col::kCallsign}, {"VesselType", Col::kShipType}, {"Status", Col::kStatus},
    {"Length", Col::kLength},     {"Width", Col::kWidth},        {"Draft", Col::kDraught},
    {"TransceiverClass", Col::kClass}};

inline constexpr ColumnName kDma[] = {
    {"# Timestamp", Col::kTime},     {"Timestamp", Col::kTime},
    {"Type of mobile", Col::kClass}, {"MMSI", Col::kMmsi},
    {"Latitude", Col::kLat},         {"Longitude", Col::kLon},
    {"Navigational status", Col::kStatus}, {"ROT", Col::kRot},
    {"SOG", Col::kSog},              {"COG", Col::kCog},
    {"Heading", Col::kHeading},      {"IMO", Col::kImo},
    {"Callsign", Col::kCallsign},    {"Name", Col::kName},
    {"Ship type", Col::kShipType},   {"Cargo type", Col::kCargo},
    {"Width", Col::kWidth},          {"Length", Col::kLength},
    {"Type of position fixing device", Col::kEpfd}, {"Draught", Col::kDraught},
    {"Destination", Col::kDestination}, {"ETA", Col::kEta},
    {"A", Col::kToBow},              {"B", Col::kToStern},
    {"C", Col::kToPort},             {"D", Col::kToStarboard}};

inline constexpr ColumnName kSpire[] = {
    {"MMSI", Col::kMmsi},  {"Message_ID", Col::kMsgId}, {"Repeat_indicator", Col::kRepeat},
    {"Time", Col::kTime},  {"Millisecond", Col::kMillis}, {"Vessel_Name", Col::kName},
    {"Call_sign", Col::kCallsign}, {"IMO", Col::kImo}, {"Ship_Type", Col::kShipType},
    {"Dimension_to_Bow", Col::kToBow}, {"Dimension_to_stern", Col::kToStern},
    {"Dimension_to_port", Col::kToPort}, {"Dimension_to_starboard", Col::kToStarboard},
    {"Draught", Col::kDraught}, {"Destination", Col::kDestination},
    {"AIS_version", Col::kAisVersion}, {"Navigational_status", Col::kStatus}, {"ROT", Col::kRot},
    {"SOG", Col::kSog}, {"Accuracy", Col::kAccuracy}, {"Longitude", Col::kLon},
    {"Latitude", Col::kLat}, {"COG", Col::kCog}, {"Heading", Col::kHeading},
    {"Maneuver", Col::kManeuver}, {"RAIM_flag", Col::kRaim}, {"Communication_state", Col::kRadio},
    {"UTC_year", Col::kYear}, {"UTC_month", Col::kMonth}, {"UTC_day", Col::kDay},
    {"UTC_hour", Col::kHour}, {"UTC_minute", Col::kMinute}, {"UTC_second", Col::kUtcSecond},
    {"Fixing_device", Col::kEpfd}, {"ETA_month", Col::kEtaMonth}, {"ETA_day", Col::kEtaDay},
    {"ETA_hour", Col::kEtaHour}, {"ETA_minute", Col::kEtaMinute}, {"Part_Number", Col::kPartNumber},
    {"Vendor_ID", Col::kVendor}, {"Data_terminal", Col::kDte}, {"GNSS_status", Col::kGnss}};

// Other exports: normalised names, in order of preference for one column (an "mmsi" column is
// taken before an "id" one wherever each stands). A file is read this way when it names at
// least an MMSI (or vessel id), a time, a latitude and a longitude.
inline constexpr ColumnName kNamed[] = {
    {"mmsi", Col::kMmsi}, {"sourcemmsi", Col::kMmsi}, {"userid", Col::kMmsi}, {"vesselid", Col::kMmsi},
    {"shipid", Col::kMmsi}, {"id", Col::kMmsi},
    // Unambiguous names first: some decoders call the report's UTC second "timestamp".
    {"basedatetime", Col::kTime}, {"datetime", Col::kTime}, {"rxtime", Col::kTime}, {"msgtime", Col::kTime},
    {"timestamputc", Col::kTime}, {"postime", Col::kTime}, {"aispostimestamp", Col::kTime},
    {"positiontimestamp", Col::kTime}, {"timestamp", Col::kTime}, {"time", Col::kTime}, {"ts", Col::kTime},
    {"lat", Col::kLat}, {"latitude", Col::kLat}, {"lon", Col::kLon}, {"lng", Col::kLon}, {"long", Col::kLon},
    {"longitude", Col::kLon},
    {"sog", Col::kSog}, {"speed", Col::kSog}, {"speedoverground", Col::kSog}, {"speedknots", Col::kSog},
    {"cog", Col::kCog}, {"course", Col::kCog}, {"courseoverground", Col::kCog},
    {"heading", Col::kHeading}, {"trueheading", Col::kHeading}, {"hdg", Col::kHeading},
    {"rot", Col::kRot}, {"rateofturn", Col::kRot}, {"turn", Col::kRot},
    {"status", Col::kStatus}, {"navstatus", Col::kStatus}, {"navigationalstatus", Col::kStatus},
    {"navigationstatus", Col::kStatus},
    {"msgtype", Col::kMsgId}, {"messagetype", Col::kMsgId}, {"msgid", Col::kMsgId}, {"messageid", Col::kMsgId},
    {"part", Col::kPartNumber},  // of a type 24 (seawarden's CSV: A, B or AB)
    {"vesselname", Col::kName}, {"shipname", Col::kName}, {"name", Col::kName},
    {"imo", Col::kImo}, {"imonumber", Col::kImo},
    {"callsign", Col::kCallsign},
    {"vesseltype", Col::kShipType}, {"shiptype", Col::kShipType}, {"shipandcargotype", Col::kShipType},
    {"typeofship", Col::kShipType}, {"cargo", Col::kCargo}, {"cargotype", Col::kCargo},
    {"length", Col::kLength}, {"width", Col::kWidth}, {"beam", Col::kWidth},
    {"draught", Col::kDraught}, {"draft", Col::kDraught},
    {"destination", Col::kDestination},
    {"transceiverclass", Col::kClass}, {"transceiver", Col::kClass}, {"class", Col::kClass},
    {"typeofmobile", Col::kClass},
    {"tobow", Col::kToBow}, {"tostern", Col::kToStern}, {"toport", Col::kToPort}, {"tostarboard", Col::kToStarboard}};

// Lower case, letters and digits only ("# Timestamp" -> "timestamp", "Call_Sign" -> "callsign").
inline std::string normalize_column(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

}  // namespace seawarden::ais::csv
