// Typed Message -> six-bit payload -> NMEA 0183 sentences with IEC 61162-450 tag blocks.
//
// The inverse of ais/payload.h for the types the simulator emits (1, 2, 3, 5, 18, 19,
// 24 A/B, 27). Allocation-free: payloads go into a fixed buffer and sentences are
// appended to a caller-owned string, so a generator can stream millions of lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ais/message.h"

namespace seawarden::ais {

// An armored payload: at most 1008 bits (5 slots) -> 168 characters.
struct EncodedPayload {
  static constexpr std::size_t kMaxChars = 168;
  char chars[kMaxChars + 1] = {};
  std::uint16_t len = 0;     // characters
  std::uint8_t fill_bits = 0;
  std::string_view view() const { return {chars, len}; }
};

// Encodes `msg` (header + body matching msg.type). Returns false when the body
// alternative does not match the type or the type is not supported.
bool encode_payload(const Message& msg, EncodedPayload& out);

// XOR of the characters between the leading '!'/'$'/'\\' and '*' (exclusive) of `body`
// (pass the text without those delimiters).
std::uint8_t nmea_checksum(std::string_view body);

struct SentenceOptions {
  std::string_view talker = "AIVDM";  // "AIVDM", "AIVDO", "BSVDM"...
  char channel = 'A';                 // 'A', 'B' or 0 (empty field)
  int sequence_id = -1;               // multi-fragment sequential id 0..9; -1 picks group_id % 10
  std::string_view station;           // tag block s: (omitted when empty)
  TimeMs rx_time = kUnknownTime;      // tag block c: in whole seconds (omitted when unknown)
  int group_id = 0;                   // tag block g: group id for multi-fragment messages
  std::size_t max_fragment_chars = 60;  // payload characters per sentence (82-char NMEA limit)
};

// Appends the sentence(s) carrying `payload`, one line each ending in "\n". A single
// sentence gets a tag block with s:/c: (when given); fragments of a multi-sentence
// message carry g:n-N-id (when a tag block is used at all), the first one also s:/c:.
// Returns the number of sentences.
int append_sentences(std::string& out, const EncodedPayload& payload, const SentenceOptions& opt);

// Appends "\\<fields>*hh\\" for the given tag block fields text (e.g. "s:r1,c:1715222400").
void append_tag_block(std::string& out, std::string_view fields);

}  // namespace seawarden::ais
