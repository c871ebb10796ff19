// Text legends for coded AIS fields, worded exactly as gpsd prints them in its
// "*_text" JSON fields (so seawarden output compares byte for byte with gpsd's).
#pragma once

#include <cstdint>
#include <string_view>

namespace seawarden::ais {

std::string_view status_text(unsigned status);      // navigation status, types 1-3 and 27
std::string_view shiptype_text(unsigned shiptype);  // ship and cargo type, 0-99
std::string_view epfd_text(unsigned epfd);          // position fixing device
std::string_view aid_type_text(unsigned aid_type);  // type 21 aid-to-navigation type
std::string_view station_type_text(unsigned t);     // type 23 station type
std::string_view racon_text(unsigned v);            // DAC 235 FI 10
std::string_view light_text(unsigned v);            // DAC 235 FI 10
std::string_view trend_text(unsigned v);            // meteo pressure / water level trend
std::string_view preciptype_text(unsigned v);       // meteo precipitation (WMO 306 4.201)
std::string_view ice_text(unsigned v);              // meteo ice
std::string_view route_type_text(unsigned v);       // IMO289 route type
std::string_view berth_position_text(unsigned v);   // IMO289 berthing position
std::string_view signal_text(unsigned v);           // IMO289 marine traffic signal
std::string_view rta_status_text(unsigned v);       // inland RTA status
std::string_view vts_idtype_text(unsigned v);       // IMO289 VTS target id type
std::string_view inland_shiptype_text(unsigned v);  // inland ERI ship type (DAC 200 FI 10)
std::string_view inland_hazard_text(unsigned v);
std::string_view inland_loaded_text(unsigned v);

}  // namespace seawarden::ais
