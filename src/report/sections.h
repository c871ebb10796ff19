// Page sections shared by case and vessel pages.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/queries.h"

namespace seawarden::report {

std::string vessel_label(store::Database& db, std::uint32_t mmsi);  // "NAME (MMSI 412000001)"
std::string kind_badge(const std::string& kind);
// Identity history with changed values highlighted.
std::string identity_section(store::Database& db, std::uint32_t mmsi);
// Sanctions hits with the list entries as stored (list version and date).
std::string sanctions_section(store::Database& db, std::uint32_t mmsi);
// A sortable table of events, linking to their case pages (routine zone visits, which have
// none, unlinked unless `link_all`).
std::string events_table(const std::vector<store::StoredEvent>& events, const std::string& table_id,
                         store::Database* db_for_names = nullptr, bool link_all = false);
// Key/value table of an event's fields (nested values as JSON).
std::string fields_table(const nlohmann::json& fields);
// Stored positions as compact text (time, lat, lon, sog, cog, segment), in a <details>.
std::string positions_details(const std::string& label, const std::vector<store::Position>& ps);
// Speed and draught charts for the vessels over [t0, t1], the spans shaded.
std::string timelines(store::Database& db, const std::vector<std::uint32_t>& mmsis,
                      const std::vector<std::vector<store::Position>>& tracks, std::int64_t t0, std::int64_t t1,
                      const std::vector<std::pair<std::int64_t, std::int64_t>>& spans);

}  // namespace seawarden::report
