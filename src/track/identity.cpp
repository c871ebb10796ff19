#include "track/identity.h"

#include <charconv>

namespace seawarden::track {

const char* to_string(IdentityField f) {
  switch (f) {
    case IdentityField::Name: return "name";
    case IdentityField::Callsign: return "callsign";
    case IdentityField::Imo: return "imo";
    case IdentityField::Shiptype: return "shiptype";
    case IdentityField::Destination: return "destination";
    case IdentityField::Draught: return "draught";
    case IdentityField::Dims: return "dims";
  }
  return "?";
}

namespace {

struct NumText {
  char buf[12];
  std::string_view view;
  explicit NumText(std::uint32_t v) {
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    view = std::string_view(buf, static_cast<std::size_t>(r.ptr - buf));
  }
};

void set_text(FixedText<20>& t, std::string_view v) {
  t.len = static_cast<std::uint8_t>(v.size() < 20 ? v.size() : 20);
  for (std::size_t i = 0; i < t.len; ++i) t.buf[i] = v[i];
  t.buf[t.len] = '\0';
}
template <std::size_t N>
void copy_text(FixedText<N>& t, std::string_view v) {
  t.len = static_cast<std::uint8_t>(v.size() < N ? v.size() : N);
  for (std::size_t i = 0; i < t.len; ++i) t.buf[i] = v[i];
  t.buf[t.len] = '\0';
}

}  // namespace

void IdentityRegistry::record(IdentityField f, std::int64_t t, std::string_view v) {
  IdentityRecord r;
  r.t_ms = t;
  r.field = f;
  set_text(r.value, v);
  if (n_history_ < kHistory) {
    history_[(history_start_ + n_history_) % kHistory] = r;
    ++n_history_;
  } else {
    history_[history_start_] = r;
    history_start_ = static_cast<std::uint8_t>((history_start_ + 1) % kHistory);
  }
}

// Decides whether `value` of field f replaces `current`; set_now tells the caller to store it.
void IdentityRegistry::propose(IdentityField f, std::string_view current, std::string_view value,
                               std::int64_t t, int confirmations, IdentityUpdate& out,
                               bool& set_now) {
  set_now = false;
  int i = static_cast<int>(f);
  if (value == current) {
    if (pending_) pending_->count[i] = 0;  // the old value is back: drop the candidate
    return;
  }
  if (current.empty()) {  // first value: no change event
    set_now = true;
    out.mark(f);
    record(f, t, value);
    return;
  }
  std::int64_t first_t = t;
  if (confirmations > 1) {
    if (!pending_) pending_ = std::make_unique<Pending>();
    Pending& p = *pending_;
    if (p.count[i] > 0 && p.value[i].view() == value) {
      ++p.count[i];
    } else {
      set_text(p.value[i], value);
      p.first_t[i] = t;
      p.count[i] = 1;
    }
    if (p.count[i] < confirmations) return;
    first_t = p.first_t[i];
    p.count[i] = 0;
  }
  IdentityChange& c = out.changes[out.n_changes++];
  c.field = f;
  c.t_ms = first_t;
  set_text(c.from, current);
  set_text(c.to, value);
  out.mark(f);
  set_now = true;
  record(f, first_t, value);
}

void IdentityRegistry::apply(const StaticReport& r, std::int64_t t, int confirmations,
                             IdentityUpdate& out) {
  out.fields = 0;
  out.n_changes = 0;
  bool set_now;
  if (r.has & StaticReport::kName) {
    propose(IdentityField::Name, id_.name.view(), r.name.view(), t, confirmations, out, set_now);
    if (set_now) id_.name = r.name;
  }
  if (r.has & StaticReport::kCallsign) {
    propose(IdentityField::Callsign, id_.callsign.view(), r.callsign.view(), t, confirmations, out,
            set_now);
    if (set_now) id_.callsign = r.callsign;
  }
  // Numbers repeat in nearly every report: equal ones skip the text form (same outcome as
  // proposing the unchanged value: any candidate change is dropped).
  if ((r.has & StaticReport::kImo) && id_.imo && r.imo == id_.imo) {
    if (pending_) pending_->count[static_cast<int>(IdentityField::Imo)] = 0;
  } else if (r.has & StaticReport::kImo) {
    NumText cur(id_.imo), val(r.imo);
    propose(IdentityField::Imo, id_.imo ? cur.view : std::string_view{}, val.view, t,
            confirmations, out, set_now);
    if (set_now) id_.imo = r.imo;
  }
  if ((r.has & StaticReport::kShiptype) && id_.shiptype && r.shiptype == id_.shiptype) {
    if (pending_) pending_->count[static_cast<int>(IdentityField::Shiptype)] = 0;
  } else if (r.has & StaticReport::kShiptype) {
    NumText cur(id_.shiptype), val(r.shiptype);
    propose(IdentityField::Shiptype, id_.shiptype ? cur.view : std::string_view{}, val.view, t,
            confirmations, out, set_now);
    if (set_now) id_.shiptype = r.shiptype;
  }
  if ((r.has & StaticReport::kDestination) && r.destination.view() != id_.destination.view()) {
    copy_text(id_.destination, r.destination.view());
    out.mark(IdentityField::Destination);
  }
  if ((r.has & StaticReport::kDims) && (r.length_m != id_.length_m || r.beam_m != id_.beam_m)) {
    id_.length_m = r.length_m;
    id_.beam_m = r.beam_m;
    out.mark(IdentityField::Dims);
  }
  if (r.has & StaticReport::kDraught) {
    if (r.draught_m != id_.draught_m) {
      id_.draught_m = r.draught_m;
      out.mark(IdentityField::Draught);
    }
    id_.draught_t_ms = t;
  }
}

}  // namespace seawarden::track
