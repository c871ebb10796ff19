// Shared by the conformance tests: whole-file decoding through ais::Reader, a minimal
// AIVDM sentence joiner (used where a test needs the raw payloads) and field-by-field
// JSON comparison.
#pragma once

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ais/json_writer.h"
#include "ais/payload.h"
#include "ais/reader.h"
#include "ais/static_pairing.h"

namespace seawarden::testing {

// Splits "!AIVDM,2,1,9,B,<payload>,0*2A" sentences and joins multipart messages.
class SentenceJoiner {
 public:
  using Sink = std::function<void(std::string_view payload, int fill)>;
  explicit SentenceJoiner(Sink sink) : sink_(std::move(sink)) {}

  void line(std::string_view l) {
    const auto bang = l.find('!');
    if (bang == std::string_view::npos) return;
    l = l.substr(bang);
    const auto star = l.find('*');
    if (star == std::string_view::npos || star + 3 > l.size()) return;
    unsigned sum = 0;
    for (std::size_t i = 1; i < star; ++i) sum ^= static_cast<unsigned char>(l[i]);
    if (std::strtoul(std::string(l.substr(star + 1, 2)).c_str(), nullptr, 16) != sum) return;
    std::vector<std::string_view> f;
    std::string_view body = l.substr(0, star);
    for (std::size_t p = 0;;) {
      const auto c = body.find(',', p);
      f.push_back(body.substr(p, c == std::string_view::npos ? c : c - p));
      if (c == std::string_view::npos) break;
      p = c + 1;
    }
    if (f.size() < 7 || f[0].size() != 6 || f[0].substr(3, 2) != "VD") return;
    const int total = std::atoi(std::string(f[1]).c_str());
    const int num = std::atoi(std::string(f[2]).c_str());
    const int fill = f[6].empty() ? 0 : f[6][0] - '0';
    auto& g = pending_[std::string(f[4])];
    if (num == 1) {
      g.payload.clear();
      g.next = 1;
    }
    if (num != g.next) {
      g.next = 0;
      return;
    }
    g.payload.append(f[5]);
    g.next = num + 1;
    if (num == total) {
      sink_(g.payload, fill);
      g.next = 0;
    }
  }

 private:
  struct Group {
    std::string payload;
    int next = 0;
  };
  std::map<std::string, Group> pending_;
  Sink sink_;
};

struct Emitted {
  std::string text;
  nlohmann::json obj;
};

// Decodes a whole file through the input layer (ais::Reader: framing, tag blocks,
// multipart) and returns the JSON objects seawarden writes for its messages, with
// type 24 parts also paired like gpsd pairs them.
inline std::vector<Emitted> decode_file_to_json(const std::string& path, bool scaled,
                                                bool with_meta = false) {
  std::vector<Emitted> out;
  ais::StaticBPairing pairing;
  std::string buf;
  ais::Reader reader([&](const ais::Received& received) {
    buf.clear();
    ais::append_json(received, {scaled, with_meta}, buf);
    out.push_back({buf, nlohmann::json::parse(buf)});
    ais::Received rec = received;
    if (pairing.pair(rec.msg)) {  // a part B completing a part A: also the merged object
      buf.clear();
      ais::append_json(rec, {scaled, with_meta}, buf);
      out.push_back({buf, nlohmann::json::parse(buf)});
    }
  });
  reader.read_file(path);
  return out;
}

inline bool json_equal(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    return std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(x));
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!json_equal(a[i], b[i])) return false;
    return true;
  }
  if (a.is_object() && b.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it)
      if (!b.contains(it.key()) || !json_equal(it.value(), b[it.key()])) return false;
    return true;
  }
  return a == b;
}

// Keys of `expected` that `actual` lacks or holds with another value.
inline std::vector<std::string> differing_keys(const nlohmann::json& expected,
                                               const nlohmann::json& actual) {
  std::vector<std::string> keys;
  for (auto it = expected.begin(); it != expected.end(); ++it)
    if (!actual.contains(it.key()) || !json_equal(it.value(), actual[it.key()]))
      keys.push_back(it.key());
  return keys;
}

}  // namespace seawarden::testing
