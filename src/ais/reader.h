// Bytes -> sentences -> assembled messages. A Reader takes raw input (NMEA with tag
// blocks, wrappers and timestamp prefixes, or a recognised AIS CSV export), and hands
// each decoded message to a handler, counting every line it could not use.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "ais/message.h"

namespace seawarden::ais {

// Why a line or fragment could not be used. Counted, never fatal.
enum class LineError : std::uint8_t {
  None = 0,
  BadChecksum,
  BadTagBlock,
  BadArmoring,
  WrongLength,
  UnknownType,
  OrphanFragment,    // a fragment whose group never started, or a duplicate
  ExpiredFragment,   // a group that never completed within the window
  MalformedSentence, // VDM/VDO sentence with missing or invalid fields
  UnknownLine,       // anything that is not AIS (other NMEA, junk)
  BadCsvRow,
  kCount
};
const char* to_string(LineError e);

struct ReaderStats {
  std::uint64_t lines = 0, bytes = 0, sentences = 0, messages = 0;
  std::uint64_t without_rxtime = 0;
  std::array<std::uint64_t, 28> by_type{};  // index = message type
  std::array<std::uint64_t, static_cast<std::size_t>(LineError::kCount)> errors{};
  std::uint64_t warnings = 0;        // messages decoded with a tolerated deviation
  std::uint64_t ignored_lines = 0;   // blank lines and '#' comments
  std::uint64_t metadata_lines = 0;  // $PGHP wrappers and tag blocks on a line of their own
  std::uint64_t csv_rows = 0;        // data rows of a recognised CSV export
  std::uint64_t csv_rows_skipped = 0;  // CSV rows of message types with no typed record
  // Tag blocks whose checksum covers every field but g: (Kystverket), trusted because
  // the sentence's fragment number and count confirmed the group.
  std::uint64_t unchecked_tag_groups = 0;
  // Messages with no time of their own dated by the receiver's GPS clock ($--ZDA/$--RMC lines of
  // the log): the time of the latest tick before them, so behind by up to the tick interval.
  std::uint64_t clock_messages = 0;
};

struct ReaderOptions {
  std::size_t max_pending_groups = 4096;  // multipart groups held at once
  std::uint32_t group_window_lines = 64;  // a group incomplete after this many lines expires
};

using MessageHandler = std::function<void(const Received&)>;

class Reader {
 public:
  explicit Reader(MessageHandler handler, ReaderOptions options = {});
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // Feeds a chunk of bytes; lines may span chunks. CSV exports are recognised by
  // their header line at the start of a stream.
  void feed(std::string_view bytes);
  // Ends the current stream: flushes a final unterminated line, expires pending fragments.
  void finish();

  const ReaderStats& stats() const;

  // Reads a whole file (plain or gzip, "-" for stdin) through feed()/finish().
  // Throws std::runtime_error with a clear message when it cannot be opened or read.
  void read_file(const std::string& path);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace seawarden::ais
