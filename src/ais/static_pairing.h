// Pairs Class B static data reports (type 24): part A carries the name, part B the
// type, call sign and dimensions. gpsd prints a part B that follows its part A as
// one merged object; StaticBPairing gives seawarden the same view when wanted.
#pragma once

#include <array>
#include <cstdint>

#include "ais/message.h"

namespace seawarden::ais {

class StaticBPairing {
 public:
  // Remembers part A names; completes a part B whose part A was seen recently
  // (among the last kSlots part A reports) by setting its shipname and `merged`.
  // Returns true when `msg` was completed. Other messages are left untouched.
  bool pair(Message& msg);

  static constexpr std::size_t kSlots = 16;

 private:
  struct Slot {
    std::uint32_t mmsi = 0;
    Text<20> shipname;
  };
  std::array<Slot, kSlots> slots_{};
  std::size_t next_ = 0;
};

}  // namespace seawarden::ais
