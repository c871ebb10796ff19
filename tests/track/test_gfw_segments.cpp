// Agreement of our segmenter with Global Fishing Watch's gpsdio-segment on real 2021
// satellite positions (../shared/data/tracks/gfw-segments/*.json, one MMSI per file, each
// message labelled with GFW's segment). Metric: pairwise precision and recall of
// "same segment" over messages with a position and a GFW label.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "detect/event_json.h"
#include "support/test_data.h"
#include "track/segmenter.h"

namespace {

using seawarden::track::Fix;

struct Labelled {
  Fix fix;
  std::string expected;
  bool isolated_by_gfw = false;  // type 27 or speed "not available": GFW gives these own segments
};

// The files carry bare NaN tokens (not JSON): turn them into null before parsing.
std::string denan(const std::string& line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 3, "NaN") == 0 && (i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1])))) {
      out += "null";
      i += 2;
    } else {
      out += line[i];
    }
  }
  return out;
}

double number_or(const nlohmann::json& j, const char* key, double fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

std::vector<Labelled> load(const std::filesystem::path& path, std::size_t& unlabelled) {
  std::vector<Labelled> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(denan(line), nullptr, false);
    if (j.is_discarded()) continue;
    if (!j.contains("lat") || !j["lat"].is_number() || !j["lon"].is_number()) continue;
    if (!j.contains("expected")) return {};  // not a labelled file
    if (!j["expected"].is_string()) {
      ++unlabelled;
      continue;
    }
    Labelled l;
    l.fix.t_ms = seawarden::detect::parse_time_utc(j["timestamp"].get<std::string>());
    l.fix.lat = j["lat"].get<double>();
    l.fix.lon = j["lon"].get<double>();
    double sog = number_or(j, "speed", -1), cog = number_or(j, "course", -1);
    l.fix.sog = sog >= 0 && sog < 102.2 ? static_cast<float>(sog) : -1.f;
    l.fix.cog = cog >= 0 && cog < 360 ? static_cast<float>(cog) : -1.f;
    l.expected = j["expected"].get<std::string>();
    std::string type = j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>() : "";
    l.isolated_by_gfw = type == "AIS.27" || sog >= 102.2;
    if (type == "AIS.27") l.fix.msg_type = 27;
    out.push_back(std::move(l));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Labelled& a, const Labelled& b) { return a.fix.t_ms < b.fix.t_ms; });
  return out;
}

double pairs(double n) { return n * (n - 1) / 2; }

struct Agreement {
  double same_both = 0, same_ours = 0, same_gfw = 0;
  double precision() const { return same_ours > 0 ? same_both / same_ours : 1.0; }
  double recall() const { return same_gfw > 0 ? same_both / same_gfw : 1.0; }
};

Agreement agreement(const std::vector<Labelled>& msgs, const std::vector<std::uint32_t>& ours,
                    bool skip_isolated = false) {
  std::map<std::pair<std::string, std::uint32_t>, double> joint;
  std::map<std::string, double> gfw;
  std::map<std::uint32_t, double> mine;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    if (skip_isolated && msgs[i].isolated_by_gfw) continue;
    joint[{msgs[i].expected, ours[i]}] += 1;
    gfw[msgs[i].expected] += 1;
    mine[ours[i]] += 1;
  }
  Agreement a;
  for (auto& [k, n] : joint) a.same_both += pairs(n);
  for (auto& [k, n] : gfw) a.same_gfw += pairs(n);
  for (auto& [k, n] : mine) a.same_ours += pairs(n);
  return a;
}

TEST(GfwSegments, PairwiseAgreementWithGpsdioSegment) {
  SEAWARDEN_REQUIRE_DATA(dir, "tracks/gfw-segments");
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());

  seawarden::track::Segmenter segmenter;  // default parameters = config defaults
  Agreement total, total_clean;
  std::size_t used_files = 0, messages = 0, unlabelled = 0;
  std::printf("%-28s %8s %6s %6s %9s %9s\n", "file", "msgs", "gfw", "ours", "precision", "recall");
  for (const auto& path : files) {
    std::vector<Labelled> msgs = load(path, unlabelled);
    if (msgs.empty()) continue;
    seawarden::track::SegmentSet set;
    std::vector<std::uint32_t> ours;
    std::uint32_t prev = 0;
    for (auto& m : msgs) {
      auto d = segmenter.assign(set, m.fix, prev);
      prev = d.segment;
      ours.push_back(d.segment);
    }
    Agreement a = agreement(msgs, ours);
    std::size_t n_gfw = 0, n_ours = 0;
    {
      std::map<std::string, int> g;
      std::map<std::uint32_t, int> o;
      for (std::size_t i = 0; i < msgs.size(); ++i) g[msgs[i].expected]++, o[ours[i]]++;
      n_gfw = g.size();
      n_ours = o.size();
    }
    std::printf("%-28s %8zu %6zu %6zu %9.4f %9.4f\n", path.filename().string().c_str(), msgs.size(),
                n_gfw, n_ours, a.precision(), a.recall());
    Agreement c = agreement(msgs, ours, true);
    total_clean.same_both += c.same_both;
    total_clean.same_gfw += c.same_gfw;
    total_clean.same_ours += c.same_ours;
    total.same_both += a.same_both;
    total.same_gfw += a.same_gfw;
    total.same_ours += a.same_ours;
    ++used_files;
    messages += msgs.size();
  }
  std::printf("overall: %zu files, %zu labelled positions (%zu positions GFW left unlabelled), "
              "pairwise precision %.4f recall %.4f\n",
              used_files, messages, unlabelled, total.precision(), total.recall());
  std::printf("excluding type-27 and speed-not-available positions (GFW puts each in its own "
              "segment): pairwise precision %.4f recall %.4f\n",
              total_clean.precision(), total_clean.recall());
  ASSERT_GT(used_files, 10u);
  EXPECT_GE(total.precision(), 0.95);
  EXPECT_GE(total.recall(), 0.99);
  EXPECT_GE(total_clean.precision(), 0.99);
  EXPECT_GE(total_clean.recall(), 0.99);
}

}  // namespace
