// Binary encoding of the pipeline's working state (open tracks, windows and pending events),
// so a run can stop after one file and a later run continue as if the input had never been
// split. The blob is written and read by the same build (native byte order); it is still read
// as hostile input: every length is checked against what is left, and a short or inconsistent
// blob throws std::runtime_error instead of reading past its end.
#pragma once

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "detect/event.h"
#include "track/observation.h"

namespace seawarden::detect {

// Times in a saved state are epoch milliseconds within about +-35,000 years, or the INT64_MIN /
// INT64_MAX sentinels: anything else is corruption (and would overflow time arithmetic).
inline void check_time(std::int64_t t) {
  constexpr std::int64_t kLimit = std::int64_t{1} << 50;
  if (t != INT64_MIN && t != INT64_MAX && (t <= -kLimit || t >= kLimit))
    throw std::runtime_error("detector state: time out of range (corrupt)");
}
template <class... T>
void check_times(T... t) {
  (check_time(static_cast<std::int64_t>(t)), ...);
}
// A position in a saved state: finite, on the globe (grid and zone lookups index with it).
template <class T>
void check_position(T lat, T lon) {
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
    throw std::runtime_error("detector state: position out of range (corrupt)");
}
// A course as the track layer keeps it: below 360 (negative: not available; decoding never
// gives more, and the angle folds assume it).
inline void check_course(float cog) {
  if (!(cog < 360)) throw std::runtime_error("detector state: course out of range (corrupt)");
}
// A speed in knots: finite (negative: unknown). Medians sort these; NaN would break the order.
inline void check_speed(float kn) {
  if (!std::isfinite(kn)) throw std::runtime_error("detector state: speed not a number (corrupt)");
}
// A receive time of a message: no sentinels.
inline void check_message_time(std::int64_t t) {
  check_time(t);
  if (t == INT64_MIN || t == INT64_MAX) throw std::runtime_error("detector state: message without a time (corrupt)");
}
// The first and last message times of something seen: both messages' times, in order.
inline void check_span(std::int64_t first, std::int64_t last) {
  check_message_time(first);
  check_message_time(last);
  if (first > last) throw std::runtime_error("detector state: a span ends before it starts (corrupt)");
}

// A bool restored from raw bytes: any non-zero byte is true (reading it as bool first would
// be undefined behaviour).
inline void fix_bool(bool& b) {
  unsigned char c;
  std::memcpy(&c, &b, 1);
  c = c != 0;
  std::memcpy(&b, &c, 1);
}

// The keys of a hash map, ascending: state is saved in a deterministic order.
template <class Map>
std::vector<typename Map::key_type> sorted_keys_of(const Map& map) {
  std::vector<typename Map::key_type> keys;
  keys.reserve(map.size());
  for (const auto& kv : map) keys.push_back(kv.first);
  std::sort(keys.begin(), keys.end());
  return keys;
}

#if defined(__has_builtin)
#if __has_builtin(__builtin_clear_padding)
#define SEAWARDEN_CLEARS_PADDING 1
#endif
#endif
#ifndef SEAWARDEN_CLEARS_PADDING
#define SEAWARDEN_CLEARS_PADDING 0
#endif

class StateWriter {
 public:
  // Whether saved structs have their padding zeroed (GCC 11+, Clang 18+).
  static constexpr bool kClearsPadding = SEAWARDEN_CLEARS_PADDING;
  template <class T>
  void pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if constexpr (std::has_unique_object_representations_v<T>) {
      out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    } else {
      // A struct's padding holds whatever that memory held before: written as zeros, so one
      // state saves the same bytes every time and no stray memory reaches the file. (Without
      // the builtin, Clang before 18, the padding is written as it is: kClearsPadding says so.)
      alignas(T) unsigned char copy[sizeof(T)];
      std::memcpy(copy, &v, sizeof v);
#if SEAWARDEN_CLEARS_PADDING
      __builtin_clear_padding(reinterpret_cast<T*>(copy));
#endif
      out_.append(reinterpret_cast<const char*>(copy), sizeof copy);
    }
  }
  template <class A, class B>
  void pod(const std::pair<A, B>& v) {  // std::pair is not trivially copyable; its halves are
    pod(v.first);
    pod(v.second);
  }
  void size(std::size_t n) { pod(static_cast<std::uint64_t>(n)); }
  void str(std::string_view s) {
    size(s.size());
    out_.append(s.data(), s.size());
  }
  template <class T>
  void pods(const std::vector<T>& v) {
    size(v.size());
    if constexpr (std::has_unique_object_representations_v<T>) {
      if (!v.empty()) out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    } else {
      for (const T& x : v) pod(x);
    }
  }
  void json(const nlohmann::json& j);  // CBOR: exact doubles, any nesting
  void event(const Event& e);
  template <class Events>
  void events(const Events& list) {  // a vector or deque of events
    size(list.size());
    for (const Event& e : list) event(e);
  }

  // Same name as StateReader::text, so one field list serves both directions (the *_fields
  // templates in the detectors).
  void text(const std::string& s) { str(s); }
  template <std::size_t N>
  void text(const track::FixedText<N>& t) {  // the same bytes as a std::string field
    str(t.view());
  }

  // A named, length-prefixed section, so a reader can skip what it does not know.
  std::size_t begin_section(std::string_view name);
  void end_section(std::size_t at);

  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class StateReader {
 public:
  explicit StateReader(std::string_view in) : in_(in) {}

  template <class T>
  void pod(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof v);
    std::memcpy(&v, in_.data(), sizeof v);
    in_.remove_prefix(sizeof v);
  }
  template <class A, class B>
  void pod(std::pair<A, B>& v) {
    pod(v.first);
    pod(v.second);
  }
  template <class T>
  T pod() {
    T v{};
    pod(v);
    return v;
  }
  // A count of items of at least min_item_bytes each: never more than the bytes left allow.
  std::size_t size(std::size_t min_item_bytes = 1);
  std::string str();
  template <class T>
  void pods(std::vector<T>& v) {
    const std::size_t n = size(sizeof(T) > 16 ? 16 : sizeof(T));
    v.resize(n);
    if constexpr (std::is_trivially_copyable_v<T>) {
      if (n) {
        need(n * sizeof(T));
        std::memcpy(v.data(), in_.data(), n * sizeof(T));
        in_.remove_prefix(n * sizeof(T));
      }
    } else {
      for (T& x : v) pod(x);
    }
  }
  nlohmann::json json();
  Event event();
  void text(std::string& s) { s = str(); }
  template <std::size_t N>
  void text(track::FixedText<N>& t) {  // longer text is cut
    t.set(str());
  }
  template <class Events>
  void events(Events& list) {  // appends
    const std::size_t n = size();
    for (std::size_t i = 0; i < n; ++i) list.push_back(event());
  }

  // The next section: its name, and a reader over its bytes (this reader moves past them).
  std::string_view section(StateReader& body);
  bool done() const { return in_.empty(); }
  void expect_done(std::string_view what) const {
    if (!in_.empty()) throw std::runtime_error(std::string(what) + " state: trailing bytes");
  }

 private:
  void need(std::size_t n) const {
    if (in_.size() < n) throw std::runtime_error("detector state: truncated or corrupt");
  }
  std::string_view in_;
};

// A map keyed by 64-bit keys (KeyMap) whose values are trivially copyable or vectors of such:
// saved as (key, value) in ascending key order; loaded entry by entry, `check` validating each
// value (it throws on corruption).
template <class Map>
void save_keyed(StateWriter& out, const Map& map) {
  const auto keys = map.sorted_keys();
  out.size(keys.size());
  for (std::uint64_t k : keys) {
    out.pod(k);
    const auto& value = *map.find(k);
    if constexpr (requires { value.size(); }) out.pods(value);
    else out.pod(value);
  }
}
template <class Map, class Check>
void load_keyed(StateReader& in, Map& map, Check&& check) {
  const std::size_t n = in.size(sizeof(std::uint64_t));
  for (std::size_t i = 0; i < n; ++i) {
    auto& value = *map.find_or_insert(in.pod<std::uint64_t>()).first;
    if constexpr (requires { value.size(); }) in.pods(value);
    else in.pod(value);
    check(value);
  }
}

}  // namespace seawarden::detect
