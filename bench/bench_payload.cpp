// Payload decoder and JSON writer speed (Google Benchmark): ns per message for types
// 1, 5, 18 and 24, decode alone and decode + gpsd JSON, plus a mix of every message
// of gpsd's sample.aivdm. Payloads are read from ../shared/data (first message of
// each type); the classic type 1 sentence is built in so the program always runs.
#include <benchmark/benchmark.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ais/json_writer.h"
#include "ais/payload.h"

namespace {

using namespace seawarden::ais;

struct Sample {
  std::string payload;
  int fill = 0;
};

// First payload of each type in sample.aivdm (fragments joined), plus all of them.
struct Samples {
  std::map<int, Sample> first;
  std::vector<Sample> all;
  Samples() {
    first[1] = {"15RTgt0PAso;90TKcjM8h6g208CQ", 0};
    std::ifstream in(std::string(SEAWARDEN_SHARED_DATA) + "/ais/gpsd/sample.aivdm");
    std::string line, pending;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] != '!') continue;
      std::vector<std::string> f;
      std::size_t p = 0;
      const std::string body = line.substr(0, line.find('*'));
      for (;;) {
        const auto c = body.find(',', p);
        f.push_back(body.substr(p, c == std::string::npos ? c : c - p));
        if (c == std::string::npos) break;
        p = c + 1;
      }
      if (f.size() < 7) continue;
      if (f[2] == "1") pending.clear();
      pending += f[5];
      if (f[1] != f[2]) continue;
      Sample s{pending, f[6].empty() ? 0 : f[6][0] - '0'};
      Message m;
      if (decode_payload(s.payload, s.fill, m) != PayloadError::None) continue;
      all.push_back(s);
      if (!first.count(m.type) || m.type == 1) first.emplace(m.type, s);
      // Type 24: prefer part B (the longer decode).
      if (m.type == 24 && std::get<StaticB>(m.body).partno == 1) first[24] = s;
    }
  }
};

const Samples& samples() {
  static const Samples s;
  return s;
}

void BM_Decode(benchmark::State& state) {
  const auto it = samples().first.find(static_cast<int>(state.range(0)));
  if (it == samples().first.end()) {
    state.SkipWithError("no sample of this type (../shared/data missing?)");
    return;
  }
  Message m;
  for (auto _ : state) {
    benchmark::DoNotOptimize(decode_payload(it->second.payload, it->second.fill, m));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_DecodeJson(benchmark::State& state) {
  const auto it = samples().first.find(static_cast<int>(state.range(0)));
  if (it == samples().first.end()) {
    state.SkipWithError("no sample of this type (../shared/data missing?)");
    return;
  }
  Received r;
  r.meta.rxtime = 1418169601000;
  std::string out;
  out.reserve(4096);
  for (auto _ : state) {
    out.clear();
    decode_payload(it->second.payload, it->second.fill, r.msg);
    append_json(r, {true, true}, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_JsonOnly(benchmark::State& state) {
  const auto it = samples().first.find(static_cast<int>(state.range(0)));
  if (it == samples().first.end()) {
    state.SkipWithError("no sample of this type (../shared/data missing?)");
    return;
  }
  Received r;
  decode_payload(it->second.payload, it->second.fill, r.msg);
  std::string out;
  out.reserve(4096);
  for (auto _ : state) {
    out.clear();
    append_json(r, {true, true}, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SampleMix(benchmark::State& state) {
  const auto& all = samples().all;
  if (all.empty()) {
    state.SkipWithError("sample.aivdm not found");
    return;
  }
  Received r;
  std::string out;
  out.reserve(1 << 16);
  const bool json = state.range(0) != 0;
  for (auto _ : state) {
    out.clear();
    for (const auto& s : all) {
      decode_payload(s.payload, s.fill, r.msg);
      if (json) append_json(r, {true, true}, out);
    }
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(all.size()));
}

BENCHMARK(BM_Decode)->Arg(1)->Arg(5)->Arg(18)->Arg(24);
BENCHMARK(BM_JsonOnly)->Arg(1)->Arg(5)->Arg(18)->Arg(24);
BENCHMARK(BM_DecodeJson)->Arg(1)->Arg(5)->Arg(18)->Arg(24);
BENCHMARK(BM_SampleMix)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
