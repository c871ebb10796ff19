#include "sim/identity.h"

#include <algorithm>
#include <vector>

namespace seawarden::sim {
namespace {

constexpr const char* kPinyin[] = {"HAI", "XING", "FENG", "YUAN", "DA", "JIN", "HUA", "SHUN", "TONG",
                                   "AN", "CHANG", "MING", "RONG", "KANG", "TAI", "HENG", "SHENG", "FU",
                                   "XIANG", "LONG", "PING", "QIAO", "WEI", "ZHONG", "HONG", "BO", "JIA"};
constexpr const char* kCnFishingPrefix[] = {"LU RONG YU", "LIAO DAN YU", "LU YAN YU", "LIAO DA ZHONG YU",
                                            "ZHE DAI YU", "SU GAN YU", "JI FENG YU", "LU WEI YU",
                                            "MIN SHI YU", "HU YU"};
constexpr const char* kKorean[] = {"DAE", "HAN", "SEO", "HAE", "MIN", "JIN", "SUNG", "KWANG", "YEONG",
                                   "BORA", "DONG", "HYUN", "CHEON", "GEUM", "SEON", "JEONG", "HANA", "MIRAE"};
constexpr const char* kEnglishA[] = {"OCEAN", "GOLDEN", "ORIENT", "PACIFIC", "BRIGHT", "GRAND", "NEW",
                                     "EVER", "SILVER", "ROYAL", "BLUE", "NORTHERN", "LUCKY", "FORTUNE",
                                     "EASTERN", "CRYSTAL", "NOBLE", "SUNNY", "STAR", "PROSPER"};
constexpr const char* kEnglishB[] = {"PEARL", "GRACE", "PIONEER", "HARMONY", "GLORY", "EAGLE", "VENTURE",
                                     "DRAGON", "UNITY", "WISDOM", "JADE", "SPIRIT", "HORIZON", "PHOENIX",
                                     "LOTUS", "TRADER", "CARRIER", "FALCON", "DAWN", "VOYAGER", "CROWN"};
constexpr const char* kJapanese[] = {"SHIN", "KAI", "SHO", "TOYO", "FUJI", "HOKO", "KYO", "NICHI", "EI", "SEI"};
constexpr const char* kDprk[] = {"CHON", "MA", "SAN", "RYONG", "GANG", "PAEK", "DU", "SONG", "KUM",
                                 "UN", "RAK", "WON", "JONG", "SAM", "CHOL", "MYO", "HYANG", "PHYO",
                                 "RYE", "SU", "RIM", "BONG", "HWA", "KAL", "MO", "RANG"};
constexpr const char* kDprkTail[] = {"SAN", "GANG", "BONG", "HO", "DO"};

template <std::size_t N>
const char* pick(Rng& r, const char* const (&a)[N]) { return a[r.integer(0, N - 1)]; }

}  // namespace

std::string compact_name(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

double name_similarity(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  if (n == 0 && m == 0) return 1;
  std::vector<std::size_t> row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) row[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return 1.0 - static_cast<double>(row[m]) / static_cast<double>(std::max(n, m));
}

std::uint32_t IdentityFactory::mmsi(unsigned mid, bool round_thousand) {
  // Without this cap a large fleet under one flag exhausted the 999 round MMSIs and the
  // rejection loop below never ended (40,000 vessels hung in the scenario builder).
  if (round_thousand && ++round_per_mid_[mid] > 400) round_thousand = false;
  for (;;) {
    std::uint32_t m = mid * 1000000u + static_cast<std::uint32_t>(rng_.integer(0, 999999));
    if (round_thousand) m = m / 1000 * 1000;
    if (m % 1000000 < 1000) continue;
    if (mmsis_.insert(m).second) return m;
  }
}

std::uint32_t IdentityFactory::imo() {
  for (int attempt = 0;; ++attempt) {
    // Built ~1983-2023; once that range is crowded (160,000 numbers), older hulls too.
    const auto base = static_cast<std::uint32_t>(rng_.integer(attempt < 32 ? 830000 : 500000, 989999));
    std::uint32_t sum = 0, d = base;
    for (int w = 2; w <= 7; ++w, d /= 10) sum += (d % 10) * w;
    const std::uint32_t imo = base * 10 + sum % 10;
    if (imos_.insert(imo).second) return imo;
  }
}

std::uint32_t IdentityFactory::invalid_imo() {
  const std::uint32_t good = imo();
  return good / 10 * 10 + (good % 10 + static_cast<std::uint32_t>(rng_.integer(1, 9))) % 10;
}

std::string IdentityFactory::callsign(unsigned mid) {
  static constexpr char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string prefix;
  int tail = 4;
  if (mid >= 412 && mid <= 414) prefix = "B", tail = 4;
  else if (mid == 440 || mid == 441) prefix = rng_.chance(0.5) ? "D7" : "DS", tail = 3;
  else if (mid == 445) prefix = "HM", tail = 3;
  else if ((mid >= 351 && mid <= 357) || (mid >= 370 && mid <= 373)) prefix = rng_.chance(0.5) ? "3E" : "H3", tail = 4;
  else if (mid == 636) prefix = "A8", tail = 3;
  else if (mid == 538) prefix = "V7", tail = 4;
  else if (mid == 511) prefix = "T8A", tail = 3;
  else if (mid == 667) prefix = "9L", tail = 4;
  else if (mid == 572) prefix = "T2", tail = 3;
  else if (mid == 457) prefix = "JV", tail = 4;
  else if (mid == 341) prefix = "V4", tail = 4;
  else if (mid == 477) prefix = "VR", tail = 3;
  else if (mid == 431) prefix = "J", tail = 4;
  else prefix = "X", tail = 5;
  for (int attempt = 0;; ++attempt) {
    // A flag with a short series (46,656 three-character tails) can run out in a huge fleet:
    // lengthen the tail rather than loop for ever.
    if (attempt > 0 && attempt % 64 == 0 && prefix.size() + tail < 7) ++tail;
    std::string cs = prefix;
    for (int i = 0; i < tail; ++i) cs.push_back(kAlnum[rng_.integer(0, 35)]);
    if (callsigns_.insert(cs).second) return cs;
  }
}

std::string IdentityFactory::name(NameStyle style) {
  for (int attempt = 0;; ++attempt) {
    // After a few collisions (large fleets exhaust the short forms), widen the numbering.
    const bool crowded = attempt >= 8;
    std::string n;
    switch (style) {
      case NameStyle::Chinese:
        n = std::string(pick(rng_, kPinyin)) + " " + pick(rng_, kPinyin);
        if (rng_.chance(0.6)) n += " " + std::to_string(rng_.integer(1, 99));
        break;
      case NameStyle::ChineseFishing:
        n = std::string(pick(rng_, kCnFishingPrefix)) + " " + std::to_string(rng_.integer(1001, 9999));
        break;
      case NameStyle::Korean:
        n = std::string(pick(rng_, kKorean)) + pick(rng_, kKorean);
        for (auto& c : n) c = static_cast<char>(c);
        n += crowded || rng_.chance(0.5) ? " " + std::to_string(rng_.integer(1, crowded ? 99 : 30)) : std::string(" MARU");
        if (n.ends_with(" MARU")) n = n.substr(0, n.size() - 5) + " HO";
        break;
      case NameStyle::KoreanFishing:
        n = std::string(pick(rng_, kKorean)) + pick(rng_, kKorean) + " " + std::to_string(rng_.integer(1, 99)) + " HO";
        break;
      case NameStyle::Dprk:
        n = std::string(pick(rng_, kDprk)) + " " + pick(rng_, kDprk) + " " + std::to_string(rng_.integer(1, crowded ? 99 : 9));
        break;
      case NameStyle::English:
        n = std::string(pick(rng_, kEnglishA)) + " " + pick(rng_, kEnglishB);
        if (crowded || rng_.chance(0.4)) n += " " + std::to_string(rng_.integer(1, crowded ? 99 : 12));
        break;
      case NameStyle::Japanese:
        n = std::string(pick(rng_, kJapanese)) + pick(rng_, kJapanese) + " MARU";
        if (crowded || rng_.chance(0.5)) n += " NO." + std::to_string(rng_.integer(1, crowded ? 99 : 20));
        break;
    }
    if (n.size() > 20) n.resize(20);
    while (!n.empty() && n.back() == ' ') n.pop_back();
    if (names_.insert(n).second) return n;
    if (attempt > 50) return numbered_name(n);
  }
}

std::string IdentityFactory::numbered_name(std::string n) {
  // The style's short forms are taken (fleets of 100,000+): keep its words and give the hull a
  // number from a wider range, so no two simulated ships share a name by accident (a shared name
  // would make an unlisted ship look like a listed one).
  while (!n.empty() && (n.back() == ' ' || (n.back() >= '0' && n.back() <= '9'))) n.pop_back();
  if (n.size() > 14) {  // room for " 99999": cut at a word boundary
    const std::size_t space = n.rfind(' ', 14);
    n.resize(space == std::string::npos || space == 0 ? 14 : space);
  }
  while (!n.empty() && n.back() == ' ') n.pop_back();
  for (;;) {
    std::string m = n + " " + std::to_string(rng_.integer(100, 99999));
    if (names_.insert(m).second) return m;
  }
}

std::string IdentityFactory::listed_name() {
  for (;;) {
    std::string n = std::string(pick(rng_, kDprk)) + " " + pick(rng_, kDprk) + " " + pick(rng_, kDprkTail);
    if (rng_.chance(0.6)) {  // appended in two steps: GCC 12 misreads " " + std::string&& (-Wrestrict)
      n += ' ';
      n += std::to_string(rng_.integer(1, 9));
    }
    if (names_.insert(n).second) return n;
  }
}

}  // namespace seawarden::sim
