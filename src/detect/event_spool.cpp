#include "detect/event_spool.h"

#include "detect/event_json.h"
#include "detect/state_io.h"

namespace seawarden::detect {

bool EventRecord::before(const Event& a, const Event& b) { return event_before(a, b); }

// The event as the pipeline state encodes it (binary times and positions, CBOR fields).
void EventRecord::encode(const Event& e, std::string& out) {
  StateWriter w;
  w.event(e);
  out += w.bytes();
}

Event EventRecord::decode(std::string_view record) {
  StateReader r(record);
  Event e = r.event();
  r.expect_done("event spill file");
  return e;
}

}  // namespace seawarden::detect
