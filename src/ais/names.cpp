#include "ais/names.h"

#include <iterator>
#include <string_view>

namespace seawarden::ais {
namespace {

// std::string_view tables: writers copy legends with their length known, no strlen.
template <std::size_t N>
std::string_view pick(const std::string_view (&table)[N], unsigned v, std::string_view fallback) {
  return v < N ? table[v] : fallback;
}

constexpr std::string_view kStatus[] = {
    "Under way using engine", "At anchor", "Not under command", "Restricted maneuverability",
    "Constrained by her draught", "Moored", "Aground", "Engaged in fishing", "Under way sailing",
    "Reserved for HSC", "Reserved for WIG", "Power-driven vessel towing astern",
    "Power-driven vessel pushing ahead or towing alongside", "Reserved", "AIS-SART is active",
    "Not defined"};

constexpr std::string_view kEpfd[] = {"Undefined", "GPS", "GLONASS", "Combined GPS/GLONASS", "Loran-C",
                             "Chayka", "Integrated navigation system", "Surveyed", "Galileo",
                             "Reserved (9)", "Reserved (10)", "Reserved (11)", "Reserved (12)",
                             "Reserved (13)", "Reserved (14)", "Internal GNSS"};

constexpr std::string_view kShipType[100] = {
    "Not available", "Reserved for future use", "Reserved for future use",
    "Reserved for future use", "Reserved for future use", "Reserved for future use",
    "Reserved for future use", "Reserved for future use", "Reserved for future use",
    "Reserved for future use", "Reserved for future use", "Reserved for future use",
    "Reserved for future use", "Reserved for future use", "Reserved for future use",
    "Reserved for future use", "Reserved for future use", "Reserved for future use",
    "Reserved for future use", "Reserved for future use",
    "Wing in ground (WIG) - all ships of this type", "Wing in ground (WIG) - Hazardous category A",
    "Wing in ground (WIG) - Hazardous category B", "Wing in ground (WIG) - Hazardous category C",
    "Wing in ground (WIG) - Hazardous category D",
    "Wing in ground (WIG) - Reserved for future use",
    "Wing in ground (WIG) - Reserved for future use",
    "Wing in ground (WIG) - Reserved for future use",
    "Wing in ground (WIG) - Reserved for future use",
    "Wing in ground (WIG) - Reserved for future use", "Fishing", "Towing",
    "Towing: length exceeds 200m or breadth exceeds 25m", "Dredging or underwater ops",
    "Diving ops", "Military ops", "Sailing", "Pleasure Craft", "Reserved", "Reserved",
    "High speed craft (HSC) - all ships of this type",
    "High speed craft (HSC) - Hazardous category A",
    "High speed craft (HSC) - Hazardous category B",
    "High speed craft (HSC) - Hazardous category C",
    "High speed craft (HSC) - Hazardous category D",
    "High speed craft (HSC) - Reserved for future use",
    "High speed craft (HSC) - Reserved for future use",
    "High speed craft (HSC) - Reserved for future use",
    "High speed craft (HSC) - Reserved for future use",
    "High speed craft (HSC) - No additional information", "Pilot Vessel",
    "Search and Rescue vessel", "Tug", "Port Tender", "Anti-pollution equipment",
    "Law Enforcement", "Spare - Local Vessel", "Spare - Local Vessel", "Medical Transport",
    "Ship according to RR Resolution No. 18", "Passenger - all ships of this type",
    "Passenger - Hazardous category A", "Passenger - Hazardous category B",
    "Passenger - Hazardous category C", "Passenger - Hazardous category D",
    "Passenger - Reserved for future use", "Passenger - Reserved for future use",
    "Passenger - Reserved for future use", "Passenger - Reserved for future use",
    "Passenger - No additional information", "Cargo - all ships of this type",
    "Cargo - Hazardous category A", "Cargo - Hazardous category B", "Cargo - Hazardous category C",
    "Cargo - Hazardous category D", "Cargo - Reserved for future use",
    "Cargo - Reserved for future use", "Cargo - Reserved for future use",
    "Cargo - Reserved for future use", "Cargo - No additional information",
    "Tanker - all ships of this type", "Tanker - Hazardous category A",
    "Tanker - Hazardous category B", "Tanker - Hazardous category C",
    "Tanker - Hazardous category D", "Tanker - Reserved for future use",
    "Tanker - Reserved for future use", "Tanker - Reserved for future use",
    "Tanker - Reserved for future use", "Tanker - No additional information",
    "Other Type - all ships of this type", "Other Type - Hazardous category A",
    "Other Type - Hazardous category B", "Other Type - Hazardous category C",
    "Other Type - Hazardous category D", "Other Type - Reserved for future use",
    "Other Type - Reserved for future use", "Other Type - Reserved for future use",
    "Other Type - Reserved for future use", "Other Type - no additional information"};

constexpr std::string_view kAidType[] = {
    "Unspecified", "Reference point", "RACON", "Fixed offshore structure",
    "Spare, Reserved for future use.", "Light, without sectors", "Light, with sectors",
    "Leading Light Front", "Leading Light Rear", "Beacon, Cardinal N", "Beacon, Cardinal E",
    "Beacon, Cardinal S", "Beacon, Cardinal W", "Beacon, Port hand", "Beacon, Starboard hand",
    "Beacon, Preferred Channel port hand", "Beacon, Preferred Channel starboard hand",
    "Beacon, Isolated danger", "Beacon, Safe water", "Beacon, Special mark", "Cardinal Mark N",
    "Cardinal Mark E", "Cardinal Mark S", "Cardinal Mark W", "Port hand Mark",
    "Starboard hand Mark", "Preferred Channel Port hand", "Preferred Channel Starboard hand",
    "Isolated danger", "Safe Water", "Special Mark", "Light Vessel / LANBY / Rigs"};

constexpr std::string_view kStationType[] = {
    "All types of mobiles", "Reserved for future use", "All types of Class B mobile stations",
    "SAR airborne mobile station", "Aid to Navigation station", "Class B shipborne mobile station",
    "Regional use and inland waterways", "Regional use and inland waterways",
    "Regional use and inland waterways", "Regional use and inland waterways",
    "Reserved for future use", "Reserved for future use", "Reserved for future use",
    "Reserved for future use", "Reserved for future use", "Reserved for future use"};

constexpr std::string_view kRacon[] = {"No RACON installed", "RACON not monitored", "RACON operational",
                              "RACON ERROR"};
constexpr std::string_view kLight[] = {"No light or no monitoring", "Light ON", "Light OFF", "Light ERROR"};
constexpr std::string_view kTrend[] = {"steady", "increasing", "decreasing", "N/A"};
constexpr std::string_view kPrecip[] = {"reserved", "rain", "thunderstorm", "freezing rain",
                               "mixed/ice", "snow", "reserved", "N/A"};
constexpr std::string_view kIce[] = {"no", "yes", "reserved", "N/A"};
constexpr std::string_view kRtaStatus[] = {"Operational", "Limited operation", "Out of order", "N/A"};
constexpr std::string_view kIdType[] = {"mmsi", "imo", "callsign", "other"};
constexpr std::string_view kBerthPosition[] = {"Not available", "Port-side to", "Starboard-side to",
                                      "Mediterranean (end-on) mooring", "Mooring buoy",
                                      "Anchorage", "Reserved for future use",
                                      "Reserved for future use"};
constexpr std::string_view kSignal[] = {
    "N/A",
    "Serious emergency - stop or divert according to instructions.",
    "Vessels shall not proceed.",
    "Vessels may proceed. One way traffic.",
    "Vessels may proceed. Two way traffic.",
    "Vessels shall proceed on specific orders only.",
    "Vessels in main channel shall not proceed.",
    "Vessels in main channel shall proceed on specific orders only.",
    "Vessels in main channel shall proceed on specific orders only.",
    "I = \"in-bound\" only acceptable.",
    "O = \"out-bound\" only acceptable.",
    "F = both \"in- and out-bound\" acceptable.",
    "XI = Code will shift to \"I\" in due time.",
    "XO = Code will shift to \"O\" in due time.",
    "X = Vessels shall proceed only on direction."};
constexpr std::string_view kHazard[] = {"0 blue cones/lights", "1 blue cone/light", "2 blue cones/lights",
                               "3 blue cones/lights", "4 B-Flag", "Unknown"};
constexpr std::string_view kLoaded[] = {"N/A (default)", "Unloaded", "Loaded"};

struct InlandType {
  unsigned code, ais;
  std::string_view legend;
};
// ERI ship types; gpsd matches either the ERI code or the AIS equivalent.
constexpr InlandType kInlandTypes[] = {
    {8000, 99, "Vessel, type unknown"},
    {8010, 79, "Motor freighter"},
    {8020, 89, "Motor tanker"},
    {8021, 80, "Motor tanker, liquid cargo, type N"},
    {8022, 80, "Motor tanker, liquid cargo, type C"},
    {8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"},
    {8030, 79, "Container vessel"},
    {8040, 80, "Gas tanker"},
    {8050, 79, "Motor freighter, tug"},
    {8060, 89, "Motor tanker, tug"},
    {8070, 79, "Motor freighter with one or more ships alongside"},
    {8080, 89, "Motor freighter with tanker"},
    {8090, 79, "Motor freighter pushing one or more freighters"},
    {8100, 89, "Motor freighter pushing at least one tank-ship"},
    {8110, 79, "Tug, freighter"},
    {8120, 89, "Tug, tanker"},
    {8130, 31, "Tug freighter, coupled"},
    {8140, 31, "Tug, freighter/tanker, coupled"},
    {8150, 99, "Freightbarge"},
    {8160, 99, "Tankbarge"},
    {8161, 90, "Tankbarge, liquid cargo, type N"},
    {8162, 90, "Tankbarge, liquid cargo, type C"},
    {8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"},
    {8170, 99, "Freightbarge with containers"},
    {8180, 90, "Tankbarge, gas"},
    {8210, 79, "Pushtow, one cargo barge"},
    {8220, 79, "Pushtow, two cargo barges"},
    {8230, 79, "Pushtow, three cargo barges"},
    {8240, 79, "Pushtow, four cargo barges"},
    {8250, 79, "Pushtow, five cargo barges"},
    {8260, 79, "Pushtow, six cargo barges"},
    {8270, 79, "Pushtow, seven cargo barges"},
    {8280, 79, "Pushtow, eigth cargo barges"},
    {8290, 79, "Pushtow, nine or more barges"},
    {8310, 80, "Pushtow, one tank/gas barge"},
    {8320, 80, "Pushtow, two barges at least one tanker or gas barge"},
    {8330, 80, "Pushtow, three barges at least one tanker or gas barge"},
    {8340, 80, "Pushtow, four barges at least one tanker or gas barge"},
    {8350, 80, "Pushtow, five barges at least one tanker or gas barge"},
    {8360, 80, "Pushtow, six barges at least one tanker or gas barge"},
    {8370, 80, "Pushtow, seven barges at least one tanker or gas barg"},
};

}  // namespace

std::string_view status_text(unsigned v) { return pick(kStatus, v, "Not defined"); }
std::string_view shiptype_text(unsigned v) { return pick(kShipType, v, "INVALID SHIP TYPE"); }
std::string_view epfd_text(unsigned v) { return pick(kEpfd, v, "INVALID EPFD"); }
std::string_view aid_type_text(unsigned v) { return pick(kAidType, v, "INVALID NAVAID TYPE"); }
std::string_view station_type_text(unsigned v) { return pick(kStationType, v, "INVALID STATION TYPE"); }
std::string_view racon_text(unsigned v) { return pick(kRacon, v, "RACON ERROR"); }
std::string_view light_text(unsigned v) { return pick(kLight, v, "Light ERROR"); }
std::string_view trend_text(unsigned v) { return pick(kTrend, v, "N/A"); }
std::string_view preciptype_text(unsigned v) { return pick(kPrecip, v, "N/A"); }
std::string_view ice_text(unsigned v) { return pick(kIce, v, "N/A"); }
std::string_view route_type_text(unsigned v) {
  if (v == 0) return "Undefined (default)";
  if (v == 1) return "Mandatory";
  if (v == 2) return "Recommended";
  if (v == 3) return "Alternative";
  if (v == 4) return "Recommended route through ice";
  if (v == 5) return "Ship route plan";
  if (v == 31) return "Cancel route identified by message linkage";
  return "Reserved for future use.";
}
std::string_view berth_position_text(unsigned v) { return pick(kBerthPosition, v, "Reserved for future use"); }
std::string_view signal_text(unsigned v) { return pick(kSignal, v, "INVALID SIGNAL TYPE"); }
std::string_view rta_status_text(unsigned v) { return pick(kRtaStatus, v, "N/A"); }
std::string_view vts_idtype_text(unsigned v) { return pick(kIdType, v, "other"); }
std::string_view inland_shiptype_text(unsigned v) {
  for (const auto& t : kInlandTypes)
    if (t.code == v || t.ais == v) return t.legend;
  return "Illegal ship type value.";
}
std::string_view inland_hazard_text(unsigned v) { return pick(kHazard, v, "INVALID HAZARD TYPE"); }
std::string_view inland_loaded_text(unsigned v) { return pick(kLoaded, v, "INVALID LOAD STATUS"); }

}  // namespace seawarden::ais
