// Screening names and vessels against loaded lists, through a candidate index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "screen/entity.h"
#include "screen/lists.h"
#include "screen/score.h"

namespace seawarden::screen {

// Default threshold: chosen on the nomenklatura labelled pairs for high precision
// (see docs/screening.md for the precision/recall it gives).
inline constexpr float kDefaultThreshold = 0.80f;

struct MatchOptions {
  float threshold = kDefaultThreshold;
  size_t limit = 10;
  std::optional<EntityType> type;  // only entities of this type
  std::string country;             // refines the score: nationality / address / flag
  std::string dob;                 // refines the score: birth year (YYYY or YYYY-MM-DD)
  bool explain = true;

  // Every candidate's score down to 0, best `limit`, no explanations (quality evaluations).
  static MatchOptions ranking(std::size_t limit) {
    MatchOptions o;
    o.threshold = 0.0f;
    o.limit = limit;
    o.explain = false;
    return o;
  }
};

struct Match {
  const Entity* entity = nullptr;
  float score = 0;
  std::string method;        // "name", "imo", "mmsi", "call_sign"
  std::string matched_name;  // the listed name or alias that matched
  NameQuality matched_quality = NameQuality::primary;
  ScoreExplanation explanation;     // token pairing for name matches
  std::vector<std::string> notes;   // identifier agreement, refinements and their effect
};

struct VesselQuery {
  std::string imo;        // 7 digits, "IMO 9187629" accepted; ignored unless the check digit is valid
  std::string mmsi;
  std::string call_sign;
  std::string name;
};

class Matcher {
 public:
  // Builds the index. `lists` must outlive the Matcher (matches point into it).
  explicit Matcher(const ListSet& lists);

  // Entities whose names match `query`, best first, score >= options.threshold.
  std::vector<Match> match(std::string_view query, const MatchOptions& options = {}) const;

  // Vessels: exact IMO (valid check digit) / MMSI / call sign first (score 1.0), then a
  // conservative name comparison among vessels only: spacing and punctuation ignored
  // ("CHON MA SAN" = "CHONMASAN"), number suffixes must be equal, former names included.
  std::vector<Match> find_vessel(const VesselQuery& query, const MatchOptions& options = {}) const;

  size_t names_indexed() const { return names_.size(); }
  const TokenStats& stats() const { return stats_; }

 private:
  struct IndexedName {
    uint32_t entity;
    int32_t alias;  // -1 for the primary name
    PreparedName name;
  };
  std::vector<Match> match_one(std::string_view query, const MatchOptions& options) const;
  void collect_candidates(const PreparedName& q, const std::optional<EntityType>& type,
                          std::vector<uint32_t>& out, size_t max_candidates) const;
  void refine(Match& m, const MatchOptions& options) const;

  const ListSet& lists_;
  TokenStats stats_;
  std::vector<IndexedName> names_;
  std::unordered_map<std::string, std::vector<uint32_t>> postings_;  // index key -> name ids
  std::unordered_map<std::string, std::vector<uint32_t>> by_imo_, by_mmsi_, by_call_sign_;  // -> entity
};

// Index keys of a prepared name (also used for queries): "k:"+phonetic key of each token,
// of adjacent token pairs and of the whole name joined; "p:"/"s:" + 4-letter prefix/suffix.
std::vector<std::pair<std::string, float>> index_keys(const PreparedName& name);

// Vessel-name similarity used by find_vessel (0 when number suffixes differ).
float vessel_name_score(const PreparedName& query, const PreparedName& listed, std::string* how = nullptr);

}  // namespace seawarden::screen
