// Fictional vessel identities: names from syllable lists, MMSIs from the region's MIDs,
// IMO numbers with valid (or deliberately invalid) check digits, call signs by flag.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "sim/rng.h"

namespace seawarden::sim {

enum class NameStyle { Chinese, ChineseFishing, Korean, KoreanFishing, Dprk, English, Japanese };

class IdentityFactory {
 public:
  explicit IdentityFactory(Rng& rng) : rng_(rng) {}
  // A fresh MMSI of the MID. `round_thousand` asks for one ending in 000 (as many class A
  // sets are configured); only 999 exist per MID, so once 400 are taken the MMSI is not rounded.
  std::uint32_t mmsi(unsigned mid, bool round_thousand);
  std::uint32_t imo();
  std::uint32_t invalid_imo();  // 7 digits, wrong check digit
  std::string callsign(unsigned mid);
  std::string name(NameStyle style);
  // A name in the style of DPRK-listed ships ("CHON MA SAN 3"), unique.
  std::string listed_name();
  bool mmsi_used(std::uint32_t m) const { return mmsis_.count(m) != 0; }
  void reserve_mmsi(std::uint32_t m) { mmsis_.insert(m); }

 private:
  std::string numbered_name(std::string words);

  Rng& rng_;
  std::set<std::uint32_t> mmsis_, imos_;
  std::map<unsigned, int> round_per_mid_;  // MMSIs ending in 000 handed out, per MID
  std::set<std::string> names_, callsigns_;
};

// Upper-case letters and digits only (spacing/punctuation variants compare equal).
std::string compact_name(std::string_view s);
// Normalised Levenshtein similarity in [0, 1] of two compacted names.
double name_similarity(std::string_view a, std::string_view b);

}  // namespace seawarden::sim
