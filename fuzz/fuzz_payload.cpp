// libFuzzer target: decode_payload + append_json (scaled and unscaled) + CSV on
// arbitrary bytes. The first byte chooses the fill bits; the rest is the payload
// (mostly made of six-bit characters so that the fuzzer reaches every message type).
#include <cstddef>
#include <cstdint>
#include <string>

#include "ais/csv_writer.h"
#include "ais/json_writer.h"
#include "ais/payload.h"
#include "ais/static_pairing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seawarden::ais;
  if (size == 0) return 0;
  const int fill = data[0] % 8;  // 6 and 7 exercise the clamping
  std::string payload;
  payload.reserve(size);
  for (std::size_t i = 1; i < size; ++i) {
    // Bytes below 0x80 map onto the six-bit alphabet; others pass through raw so
    // that bad armoring stays reachable.
    const std::uint8_t b = data[i];
    payload.push_back(b < 0x80 ? static_cast<char>(b % 64 < 40 ? b % 64 + 48 : b % 64 + 56)
                               : static_cast<char>(b));
  }
  static thread_local StaticBPairing pairing;
  static thread_local std::string out;
  Received rec;
  rec.meta.rxtime = static_cast<TimeMs>(size) * 1234567;
  rec.meta.station = "fuzz";
  const PayloadError err = decode_payload(payload, fill, rec.msg);
  if (err == PayloadError::None || err == PayloadError::WrongLength) {
    out.clear();
    append_json(rec, {true, true}, out);
    append_json(rec, {false, false}, out);
    append_csv_row(rec, {}, out);
    if (pairing.pair(rec.msg)) append_json(rec, {true, false}, out);
  }
  return 0;
}
