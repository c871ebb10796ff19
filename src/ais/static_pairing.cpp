#include "ais/static_pairing.h"

namespace seawarden::ais {

bool StaticBPairing::pair(Message& msg) {
  auto* part = std::get_if<StaticB>(&msg.body);
  if (msg.type != 24 || part == nullptr || msg.mmsi == 0) return false;
  if (part->partno == 0) {
    // A repeated part A replaces the stored name rather than taking a second slot.
    for (auto& s : slots_)
      if (s.mmsi == msg.mmsi) {
        s.shipname = part->shipname;
        return false;
      }
    slots_[next_] = {msg.mmsi, part->shipname};
    next_ = (next_ + 1) % kSlots;
    return false;
  }
  if (part->partno != 1 || part->merged) return false;
  for (auto& s : slots_)
    if (s.mmsi == msg.mmsi) {
      part->shipname = s.shipname;
      part->merged = true;
      s.mmsi = 0;  // a repeated part B must not match again (as in gpsd)
      return true;
    }
  return false;
}

}  // namespace seawarden::ais
