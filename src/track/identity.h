// Per-MMSI identity registry: the static data a vessel broadcasts (types 5, 19, 24),
// with confirmation of changes and a bounded history.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include "track/observation.h"

namespace seawarden::track {

enum class IdentityField : std::uint8_t { Name = 0, Callsign, Imo, Shiptype, Destination, Draught, Dims };
inline constexpr int kTrackedFields = 4;  // name, callsign, imo, shiptype: changes are confirmed
const char* to_string(IdentityField f);

// One confirmed value of one field, as kept in the history.
struct IdentityRecord {
  std::int64_t t_ms = 0;  // first message carrying it
  IdentityField field = IdentityField::Name;
  FixedText<20> value;    // numbers written in decimal
};

struct Identity {
  FixedText<20> name;
  FixedText<7> callsign;
  FixedText<20> destination;
  std::uint32_t imo = 0;
  std::uint8_t shiptype = 0;
  std::uint16_t length_m = 0, beam_m = 0;
  float draught_m = 0;
  std::int64_t draught_t_ms = INT64_MIN;  // last message reporting the current draught
};

// A confirmed change of a tracked field (the first value seen is not a change).
struct IdentityChange {
  IdentityField field = IdentityField::Name;
  std::int64_t t_ms = 0;  // first message with the new value
  FixedText<20> from, to;
};

struct IdentityUpdate {
  std::uint8_t fields = 0;  // bit (1 << IdentityField) for each field this report set (first values included)
  bool any() const { return fields != 0; }
  bool changed(IdentityField f) const { return fields >> static_cast<int>(f) & 1; }
  void mark(IdentityField f) { fields = static_cast<std::uint8_t>(fields | 1u << static_cast<int>(f)); }
  std::uint8_t n_changes = 0;
  std::array<IdentityChange, kTrackedFields> changes{};
};

class IdentityRegistry {
 public:
  static constexpr int kHistory = 8;

  // `confirmations`: messages a new value must appear in before it replaces the old one.
  void apply(const StaticReport& report, std::int64_t t_ms, int confirmations, IdentityUpdate& out);

  const Identity& current() const { return id_; }
  // Sets the current identity (restoring saved state); history and pending changes are cleared.
  void restore(const Identity& id) {
    id_ = id;
    n_history_ = history_start_ = 0;
    pending_.reset();
  }
  // Everything the registry holds (current values, history, changes awaiting confirmation),
  // as one trivially copyable record: saved with the pipeline state, restored exactly.
  struct Saved;
  Saved save() const;
  void load(const Saved& s);
  // Confirmed values, oldest first (at most kHistory; older ones are forgotten).
  int history_size() const { return n_history_; }
  const IdentityRecord& history(int i) const {
    return history_[(history_start_ + i) % kHistory];
  }

 private:
  struct Pending {
    std::array<FixedText<20>, kTrackedFields> value{};
    std::array<std::int64_t, kTrackedFields> first_t{};
    std::array<std::uint8_t, kTrackedFields> count{};
  };
  void record(IdentityField f, std::int64_t t, std::string_view v);
  void propose(IdentityField f, std::string_view current, std::string_view value, std::int64_t t,
               int confirmations, IdentityUpdate& out, bool& set_now);

  Identity id_;
  std::array<IdentityRecord, kHistory> history_{};
  std::uint8_t n_history_ = 0, history_start_ = 0;
  std::unique_ptr<Pending> pending_;  // only while a change awaits confirmation
};

struct IdentityRegistry::Saved {
  Identity id;
  std::array<IdentityRecord, kHistory> history{};
  std::uint8_t n_history = 0, history_start = 0;
  bool has_pending = false;
  Pending pending{};
};

inline IdentityRegistry::Saved IdentityRegistry::save() const {
  Saved s;
  s.id = id_;
  s.history = history_;
  s.n_history = n_history_;
  s.history_start = history_start_;
  s.has_pending = pending_ != nullptr;
  if (pending_) s.pending = *pending_;
  return s;
}

inline void IdentityRegistry::load(const Saved& s) {
  id_ = s.id;
  id_.name.clamp();
  id_.callsign.clamp();
  id_.destination.clamp();
  history_ = s.history;
  for (IdentityRecord& r : history_) r.value.clamp();
  n_history_ = std::min<std::uint8_t>(s.n_history, kHistory);
  history_start_ = static_cast<std::uint8_t>(s.history_start % kHistory);
  if (s.has_pending) {
    pending_ = std::make_unique<Pending>(s.pending);
    for (auto& v : pending_->value) v.clamp();
  } else {
    pending_.reset();
  }
}

}  // namespace seawarden::track
