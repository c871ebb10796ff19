// Holds a run's events until they can be delivered in output order (start time, end time,
// kind, vessels), with memory bounded by a fixed number of events rather than by the length
// of the input (sorted_spool.h: sorted runs spilled to a temporary file, merged by drain()).
// Events come back bit for bit (binary times and positions, the evidence fields as CBOR), so
// spilling never changes the output.
//
// Why not release events as soon as nothing earlier can come: a zone visit, a loitering run or
// an open identity span may start days before it closes, so such a release would still have to
// hold everything behind it; a spill file is bounded whatever the detectors keep open.
#pragma once

#include <string>
#include <string_view>

#include "detect/event.h"
#include "detect/sorted_spool.h"

namespace seawarden::detect {

struct EventRecord {
  static bool before(const Event& a, const Event& b);
  static void encode(const Event& e, std::string& out);
  static Event decode(std::string_view record);
};

class EventSpool : public SortedSpool<Event, EventRecord> {
 public:
  // About 1 KB per event in memory: the default keeps ~30 MB before the first spill.
  static constexpr std::size_t kDefaultMemoryEvents = 32768;
  explicit EventSpool(std::size_t memory_events = kDefaultMemoryEvents)
      : SortedSpool(memory_events, "events") {}
};

}  // namespace seawarden::detect
