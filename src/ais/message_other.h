// Message types other than positions and static data (6-17, 20-23, 25, 26),
// decoded so that every ITU-R M.1371-5 type round-trips to gpsd-compatible JSON.
//
// Field names follow gpsd's JSON names; values are the raw integers of the radio
// message (scaling happens in the writers). Fixed-capacity storage keeps decoding
// allocation-free.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <variant>

namespace seawarden::ais {

// Binary data kept as gpsd prints it: "data":"<bit_count>:<hex of ceil(bits/8) bytes>".
struct RawBits {
  std::array<std::uint8_t, 128> bytes{};  // 1024 bits: more than any 5-slot message
  std::uint16_t bit_count = 0;
  std::size_t byte_count() const { return (bit_count + 7u) / 8u; }
};

// ---- Application messages carried by types 6 and 8 (IMO 236 / IMO 289 / regional) ----
namespace app {

// IMO236 dangerous cargo indication (type 6, DAC 1 FI 12).
struct DangerousCargo {
  char lastport[6]{}, nextport[6]{}, dangerous[21]{}, imdcat[5]{};
  std::uint8_t lmonth = 0, lday = 0, lhour = 0, lminute = 0;
  std::uint8_t nmonth = 0, nday = 0, nhour = 0, nminute = 0;
  std::uint16_t unid = 0, amount = 0;
  std::uint8_t unit = 0;
};

// Tidal window (type 6, DAC 1 FI 14 = IMO236, FI 32 = IMO289).
struct TidalWindow {
  struct Tidal {
    std::int32_t lon = 0, lat = 0;  // FI 14: 1/10000 min; FI 32: 1/1000 min
    std::uint8_t from_hour = 0, from_min = 0, to_hour = 0, to_min = 0;
    std::uint16_t cdir = 0;
    std::uint8_t cspeed = 0;  // 0.1 kn
  };
  bool imo289 = false;  // FI 32
  std::uint8_t month = 0, day = 0;
  std::uint8_t ntidals = 0;
  std::array<Tidal, 10> tidals{};
};

// IMO289 clearance time to enter port (type 6, DAC 1 FI 18).
struct ClearanceTime {
  std::uint16_t linkage = 0;
  std::uint8_t month = 0, day = 0, hour = 0, minute = 0;
  char portname[21]{}, destination[6]{};
  std::int32_t lon = 0, lat = 0;  // 1/1000 min
};

// IMO289 berthing data (type 6, DAC 1 FI 20).
struct BerthingData {
  std::uint16_t linkage = 0, berth_length = 0;
  std::uint8_t berth_depth = 0, position = 0;
  std::uint8_t month = 0, day = 0, hour = 0, minute = 0;
  bool availability = false;
  // agent, fuel, chandler, stevedore, electrical, water, customs, cartage, crane,
  // lift, medical, navrepair, provisions, shiprepair, surveyor, steam, tugs,
  // solidwaste, liquidwaste, hazardouswaste, ballast, additional, regional1,
  // regional2, future1, future2 (2 bits each, in this order).
  std::array<std::uint8_t, 26> services{};
  char berth_name[21]{};
  std::int32_t berth_lon = 0, berth_lat = 0;  // 1/1000 min
};

// IMO289 text description (type 6 DAC 1 FI 30, type 8 DAC 1 FI 29).
struct TextDescription {
  std::uint16_t linkage = 0;
  std::uint8_t len = 0;
  char text[162]{};
};

// IMO289 route information (type 6 DAC 1 FI 28, type 8 DAC 1 FI 27).
struct RouteInfo {
  std::uint16_t linkage = 0;
  std::uint8_t sender = 0, rtype = 0, month = 0, day = 0, hour = 0, minute = 0;
  std::uint32_t duration = 0;
  std::uint8_t waycount = 0;  // waypoints actually present
  std::array<std::array<std::int32_t, 2>, 16> waypoints{};  // {lon, lat} 1/10000 min
};

// IMO289 number of persons on board (DAC 1 FI 16).
struct PersonsOnBoard {
  std::uint16_t persons = 0;
};

// Inland AIS ETA / RTA at lock, bridge or terminal (type 6, DAC 200 FI 21 / 22).
struct InlandEta {
  bool rta = false;  // FI 22 (has status) instead of FI 21 (tugs, airdraught)
  char country[3]{}, locode[4]{}, section[6]{}, terminal[6]{}, hectometre[6]{};
  std::uint8_t month = 0, day = 0, hour = 0, minute = 0;
  std::uint8_t tugs = 0, status = 0;
  std::uint16_t airdraught = 0;
};

// Inland AIS number of persons on board (type 6, DAC 200 FI 55).
struct InlandPersons {
  std::uint8_t crew = 0, personnel = 0;
  std::uint16_t passengers = 0;
};

// GLA AtoN monitoring data (type 6, DAC 235 or 250, FI 10).
struct AtonMonitoring {
  std::uint16_t ana_int = 0, ana_ext1 = 0, ana_ext2 = 0;  // 0.05 V
  std::uint8_t racon = 0, light = 0, stat_ext = 0;
  bool alarm = false, off_pos = false;
};

// Meteorological and hydrological data (type 8, DAC 1, FI 11 = IMO236, FI 31 = IMO289).
// FI 11 stores offset-binary temperatures and levels; FI 31 two's complement.
struct MeteoHydro {
  bool imo289 = false;  // FI 31
  std::int32_t lon = 0, lat = 0;  // 1/1000 min
  bool accuracy = false;          // FI 31 only
  std::uint8_t day = 0, hour = 0, minute = 0;
  std::uint8_t wspeed = 0, wgust = 0;
  std::uint16_t wdir = 0, wgustdir = 0;
  std::int16_t airtemp = 0;
  std::uint8_t humidity = 0;
  std::int16_t dewpoint = 0;
  std::uint16_t pressure = 0;
  std::uint8_t pressuretend = 0;
  bool visgreater = false;  // FI 31 only
  std::uint8_t visibility = 0;
  std::int16_t waterlevel = 0;
  std::uint8_t leveltrend = 0;
  std::uint8_t cspeed = 0, cspeed2 = 0, cspeed3 = 0;
  std::uint16_t cdir = 0, cdir2 = 0, cdir3 = 0;
  std::uint8_t cdepth2 = 0, cdepth3 = 0;
  std::uint8_t waveheight = 0, waveperiod = 0;
  std::uint16_t wavedir = 0;
  std::uint8_t swellheight = 0, swellperiod = 0;
  std::uint16_t swelldir = 0;
  std::uint8_t seastate = 0;
  std::int16_t watertemp = 0;
  std::uint8_t preciptype = 0;
  std::uint16_t salinity = 0;
  std::uint8_t ice = 0;
};

// IMO236 fairway closed (type 8, DAC 1, FI 13).
struct FairwayClosed {
  char reason[21]{}, closefrom[21]{}, closeto[21]{};
  std::uint16_t radius = 0;
  std::uint8_t extunit = 0;
  std::uint8_t fday = 0, fmonth = 0, fhour = 0, fminute = 0;
  std::uint8_t tday = 0, tmonth = 0, thour = 0, tminute = 0;
};

// IMO289 VTS-generated / synthetic targets (type 8, DAC 1, FI 17).
struct VtsTargets {
  struct Target {
    std::uint8_t idtype = 0;  // 0 mmsi, 1 imo, 2 callsign, 3 other
    std::uint64_t id = 0;     // mmsi or imo
    char text_id[8]{};        // callsign or other
    std::int32_t lat = 0, lon = 0;  // 1/1000 min
    std::uint16_t course = 0;
    std::uint8_t second = 0;
    std::uint16_t speed = 0;
  };
  std::uint8_t ntargets = 0;
  std::array<Target, 8> targets{};
};

// IMO289 marine traffic signal (type 8, DAC 1, FI 19).
struct TrafficSignal {
  std::uint16_t linkage = 0;
  char station[21]{};
  std::int32_t lon = 0, lat = 0;  // 1/1000 min
  std::uint8_t status = 0, signal = 0, hour = 0, minute = 0, nextsignal = 0;
};

// Inland ship static and voyage related data (type 8, DAC 200, FI 10).
struct InlandStatic {
  char vin[9]{};
  std::uint16_t length = 0, beam = 0, shiptype = 0, draught = 0;
  std::uint8_t hazard = 0, loaded = 0;
  bool speed_q = false, course_q = false, heading_q = false;
};

// Inland water levels (type 8, DAC 200, FI 24).
struct InlandWaterLevel {
  char country[3]{};
  std::uint8_t ngauges = 0;
  std::array<std::uint16_t, 4> id{};
  std::array<std::int16_t, 4> level{};
};

}  // namespace app

// Payload of a binary message: decoded application message or raw bits.
using AppBody = std::variant<RawBits, app::DangerousCargo, app::TidalWindow, app::ClearanceTime,
                             app::BerthingData, app::TextDescription, app::RouteInfo,
                             app::PersonsOnBoard, app::InlandEta, app::InlandPersons,
                             app::AtonMonitoring, app::MeteoHydro, app::FairwayClosed,
                             app::VtsTargets, app::TrafficSignal, app::InlandStatic,
                             app::InlandWaterLevel>;

// ---- Message types ----

// Type 6: addressed binary message.
struct BinaryAddressed {
  std::uint8_t seqno = 0;
  std::uint32_t dest_mmsi = 0;
  bool retransmit = false;
  std::uint16_t dac = 0;
  std::uint8_t fid = 0;
  AppBody app;
};

// Type 8: binary broadcast message.
struct BinaryBroadcast {
  std::uint16_t dac = 0;
  std::uint8_t fid = 0;
  AppBody app;
};

// Types 7 and 13: binary / safety acknowledge (up to four destinations).
struct Acknowledge {
  std::array<std::uint32_t, 4> mmsi{};
  std::array<std::uint8_t, 4> seqno{};
};

// Type 9: standard SAR aircraft position report.
struct SarAircraft {
  std::uint16_t alt = 4095;  // m
  std::uint16_t speed = 1023;  // kn
  bool accuracy = false;
  std::int32_t lon = 181 * 600000, lat = 91 * 600000;  // 1/10000 min
  std::uint16_t course = 3600;  // 0.1 deg
  std::uint8_t second = 60, regional = 0;
  bool dte = false, assigned = false, raim = false;
  std::uint32_t radio = 0;
};

// Type 10: UTC and date inquiry.
struct UtcInquiry {
  std::uint32_t dest_mmsi = 0;
};

// Types 12 and 14: safety related text (addressed / broadcast).
struct SafetyText {
  std::uint8_t seqno = 0;  // type 12 only
  std::uint32_t dest_mmsi = 0;
  bool retransmit = false;
  std::uint8_t len = 0;
  char text[162]{};
  std::string_view view() const { return {text, len}; }
};

// Type 15: interrogation.
struct Interrogation {
  std::uint32_t mmsi1 = 0, mmsi2 = 0;
  std::uint8_t type1_1 = 0, type1_2 = 0, type2_1 = 0;
  std::uint16_t offset1_1 = 0, offset1_2 = 0, offset2_1 = 0;
};

// Type 16: assigned mode command.
struct AssignedMode {
  std::uint32_t mmsi1 = 0, mmsi2 = 0;
  std::uint16_t offset1 = 0, increment1 = 0, offset2 = 0, increment2 = 0;
};

// Type 17: DGNSS broadcast binary message.
struct DgnssBroadcast {
  std::int32_t lon = 0, lat = 0;  // 1/10 min
  RawBits data;
};

// Type 20: data link management (four reservations; number 0 = unused).
struct DataLinkManagement {
  std::array<std::uint16_t, 4> offset{}, increment{};
  std::array<std::uint8_t, 4> number{}, timeout{};
};

// Type 21: aid-to-navigation report.
struct AidToNavigation {
  std::uint8_t aid_type = 0;
  std::uint8_t name_len = 0;
  char name[35]{};  // 20 characters plus up to 14 of name extension
  bool accuracy = false;
  std::int32_t lon = 181 * 600000, lat = 91 * 600000;
  std::uint16_t to_bow = 0, to_stern = 0;
  std::uint8_t to_port = 0, to_starboard = 0;
  std::uint8_t epfd = 0, second = 60, regional = 0;
  bool off_position = false, raim = false, virtual_aid = false, assigned = false;
  std::string_view view() const { return {name, name_len}; }
};

// Type 22: channel management (area or two addressed stations).
struct ChannelManagement {
  std::uint16_t channel_a = 0, channel_b = 0;
  std::uint8_t txrx = 0;
  bool power = false, addressed = false, band_a = false, band_b = false;
  std::int32_t ne_lon = 0, ne_lat = 0, sw_lon = 0, sw_lat = 0;  // 1/10 min
  std::uint32_t dest1 = 0, dest2 = 0;
  std::uint8_t zonesize = 0;
};

// Type 23: group assignment command.
struct GroupAssignment {
  std::int32_t ne_lon = 0, ne_lat = 0, sw_lon = 0, sw_lat = 0;  // 1/10 min
  std::uint8_t stationtype = 0, shiptype = 0, txrx = 0, interval = 0, quiet = 0;
};

// Types 25 and 26: single / multiple slot binary message.
struct BinarySlot {
  bool addressed = false, structured = false;
  std::uint32_t dest_mmsi = 0;
  std::uint16_t app_id = 0;
  RawBits data;
  std::uint32_t radio = 0;  // type 26 only
};

using OtherBody = std::variant<BinaryAddressed, BinaryBroadcast, Acknowledge, SarAircraft,
                               UtcInquiry, SafetyText, Interrogation, AssignedMode,
                               DgnssBroadcast, DataLinkManagement, AidToNavigation,
                               ChannelManagement, GroupAssignment, BinarySlot>;

}  // namespace seawarden::ais
