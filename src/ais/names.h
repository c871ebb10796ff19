// Text legends for coded AIS fields, worded exactly as gpsd prints them in its
// "*_text" JSON fields (so seawarden output compares byte for byte with gpsd's).
#pragma once

#include <cstdint>

namespace seawarden::ais {

const char* status_text(unsigned status);      // navigation status, types 1-3 and 27
const char* shiptype_text(unsigned shiptype);  // ship and cargo type, 0-99
const char* epfd_text(unsigned epfd);          // position fixing device
const char* aid_type_text(unsigned aid_type);  // type 21 aid-to-navigation type
const char* station_type_text(unsigned t);     // type 23 station type
const char* racon_text(unsigned v);            // DAC 235 FI 10
const char* light_text(unsigned v);            // DAC 235 FI 10
const char* trend_text(unsigned v);            // meteo pressure / water level trend
const char* preciptype_text(unsigned v);       // meteo precipitation (WMO 306 4.201)
const char* ice_text(unsigned v);              // meteo ice
const char* route_type_text(unsigned v);       // IMO289 route type
const char* berth_position_text(unsigned v);   // IMO289 berthing position
const char* signal_text(unsigned v);           // IMO289 marine traffic signal
const char* rta_status_text(unsigned v);       // inland RTA status
const char* vts_idtype_text(unsigned v);       // IMO289 VTS target id type
const char* inland_shiptype_text(unsigned v);  // inland ERI ship type (DAC 200 FI 10)
const char* inland_hazard_text(unsigned v);
const char* inland_loaded_text(unsigned v);

}  // namespace seawarden::ais
