#include "detect/state_io.h"

namespace seawarden::detect {

void StateWriter::json(const nlohmann::json& j) {
  const std::vector<std::uint8_t> cbor = nlohmann::json::to_cbor(j);
  size(cbor.size());
  out_.append(reinterpret_cast<const char*>(cbor.data()), cbor.size());
}

void StateWriter::event(const Event& e) {
  pod(e.start_ms);
  pod(e.end_ms);
  pod(e.lat);
  pod(e.lon);
  str(e.kind);
  pods(e.vessels);
  json(e.fields);
}

std::size_t StateWriter::begin_section(std::string_view name) {
  str(name);
  const std::size_t at = out_.size();
  size(0);  // patched by end_section
  return at;
}

void StateWriter::end_section(std::size_t at) {
  const std::uint64_t n = out_.size() - at - sizeof(std::uint64_t);
  std::memcpy(out_.data() + at, &n, sizeof n);
}

std::size_t StateReader::size(std::size_t min_item_bytes) {
  const auto n = pod<std::uint64_t>();
  if (min_item_bytes && n > in_.size() / min_item_bytes)
    throw std::runtime_error("detector state: count beyond the data (corrupt)");
  return static_cast<std::size_t>(n);
}

std::string StateReader::str() {
  const std::size_t n = size(1);
  std::string s(in_.substr(0, n));
  in_.remove_prefix(n);
  return s;
}

nlohmann::json StateReader::json() {
  const std::size_t n = size(1);
  const auto* p = reinterpret_cast<const std::uint8_t*>(in_.data());
  in_.remove_prefix(n);
  try {
    return nlohmann::json::from_cbor(p, p + n);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("detector state: bad evidence fields: ") + e.what());
  }
}

Event StateReader::event() {
  Event e;
  pod(e.start_ms);
  pod(e.end_ms);
  // Every event spans message times, one vessel or two: the detectors and the JSON writer do
  // arithmetic on the times and name the first vessel without a further test.
  check_span(e.start_ms, e.end_ms);
  pod(e.lat);
  pod(e.lon);
  e.kind = str();
  pods(e.vessels);
  if (e.vessels.empty() || e.vessels.size() > 2) throw std::runtime_error("detector state: event without its vessels (corrupt)");
  e.fields = json();
  return e;
}

std::string_view StateReader::section(StateReader& body) {
  const std::size_t name_len = size(1);
  const std::string_view name = in_.substr(0, name_len);
  in_.remove_prefix(name_len);
  const std::size_t n = size(1);
  body = StateReader(in_.substr(0, n));
  in_.remove_prefix(n);
  return name;
}

}  // namespace seawarden::detect
