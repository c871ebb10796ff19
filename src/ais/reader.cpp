// The line loop: framing, receive-time conventions and multipart dispatch.
//
// Hot path (one single-fragment sentence): a bit scan for the line end, one pass over the
// sentence for fields and checksum, decode_payload into a reused Received, handler by
// const reference. Nothing is allocated per line once the reusable strings are warm.
#include "ais/reader.h"

#include <cstring>
#include <memory>
#include <stdexcept>

#include "ais/csv_reader.h"
#include "ais/input.h"
#include "ais/multipart.h"
#include "ais/nmea.h"
#include "ais/payload.h"
#include "ais/scan.h"
#include "ais/tag_block.h"
#include "ais/timestamps.h"

namespace seawarden::ais {

const char* to_string(LineError e) {
  switch (e) {
    case LineError::None: return "none";
    case LineError::BadChecksum: return "bad_checksum";
    case LineError::BadTagBlock: return "bad_tag_block";
    case LineError::BadArmoring: return "bad_armoring";
    case LineError::WrongLength: return "wrong_length";
    case LineError::UnknownType: return "unknown_type";
    case LineError::OrphanFragment: return "orphan_fragment";
    case LineError::ExpiredFragment: return "expired_fragment";
    case LineError::MalformedSentence: return "malformed_sentence";
    case LineError::UnknownLine: return "unknown_line";
    case LineError::BadCsvRow: return "bad_csv_row";
    case LineError::kCount: break;
  }
  return "?";
}

namespace {

constexpr std::size_t kMaxCarriedLine = 64 * 1024;  // longer lines are junk; bounds memory

bool is_digit(char c) { return c >= '0' && c <= '9'; }

LineError from_payload_error(PayloadError e) {
  switch (e) {
    case PayloadError::BadArmoring: return LineError::BadArmoring;
    case PayloadError::WrongLength: return LineError::WrongLength;
    case PayloadError::UnknownType: return LineError::UnknownType;
    case PayloadError::None: break;
  }
  return LineError::None;
}

// "1272412827 !AIVDM...", "1328133720012,\s:..", "2018-11-01T00:00:00Z !AIVDM...".
// On success returns the rest of the line after the time and its separator.
bool strip_time_prefix(std::string_view line, TimeMs& time, std::string_view& rest) {
  std::size_t used = parse_iso8601_prefix(line, time);
  if (used == 0) {
    std::size_t i = 0;
    while (i < line.size() && (is_digit(line[i]) || line[i] == '.')) ++i;
    time = parse_epoch(line.substr(0, i));
    if (time == kUnknownTime) return false;
    used = i;
  }
  std::size_t i = used;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == ',' || line[i] == ';' ||
                             line[i] == '|' || line[i] == ':'))
    ++i;
  if (i == used && i < line.size()) return false;  // "12345!AIVDM" is not a prefix convention
  rest = line.substr(i);
  return !rest.empty() && (rest[0] == '!' || rest[0] == '\\' || rest[0] == '$');
}

}  // namespace

struct Reader::Impl {
  Impl(MessageHandler h, ReaderOptions o)
      : handler(std::move(h)), options(o), assembler(o.max_pending_groups, o.group_window_lines) {}

  MessageHandler handler;
  ReaderOptions options;
  ReaderStats stats;
  MultipartAssembler assembler;

  std::string carry;            // a line split across feed() chunks
  bool carry_overflow = false;  // the carried line exceeded kMaxCarriedLine
  bool after_cr = false;        // the last chunk ended with a '\r' line end
  bool at_stream_start = true;
  std::uint32_t line_no = 0;
  std::unique_ptr<CsvReader> csv;

  Received rec;
  Received csv_out[2];
  char talker_store[2] = {0, 0};

  // A tag block alone on its line (DMA "\si:AISD*3F\") dates/sources the next sentence.
  // Pending metadata is parsed straight into place (copying a just-written struct
  // stalls on store forwarding) from a kept copy of its text, which its views point into.
  bool has_pending_tag = false;
  TagBlock pending_tag;
  std::string pending_tag_text;  // what pending_tag was parsed from, or empty
  // A $PGHP wrapper dates the next sentence whose checksum it names.
  bool has_pending_pghp = false;
  Pghp pending_pghp;
  std::string pending_pghp_text;
  // The receiver's GPS clock ($--ZDA/RMC lines, parse_gps_time) dates sentences carrying no time
  // of their own. It is taken as lost when no new tick comes for four times the lines between
  // the last two (at least kClockMinLines): a log whose GPS stopped must not pile hours of
  // reports onto one second.
  static constexpr std::uint32_t kClockMinLines = 200;
  TimeMs clock = kUnknownTime;
  std::uint32_t clock_line = 0, clock_interval = 0;

  void tick(TimeMs t) {
    // The lines since the previous tick are the usual interval only if the clock was running:
    // after an outage they would stretch the next limit to four times the outage.
    clock_interval = clock_running() ? line_no - clock_line : 0;
    clock = t;
    clock_line = line_no;
  }
  bool clock_running() const {
    const std::uint32_t limit = clock_interval > kClockMinLines / 4 ? 4 * clock_interval : kClockMinLines;
    return clock != kUnknownTime && line_no - clock_line <= limit;
  }

  void error(LineError e) { ++stats.errors[static_cast<std::size_t>(e)]; }

  void sync_assembler_counts() {
    stats.errors[static_cast<std::size_t>(LineError::OrphanFragment)] = assembler.orphan_fragments();
    stats.errors[static_cast<std::size_t>(LineError::ExpiredFragment)] = assembler.expired_groups();
  }

  void feed(std::string_view bytes);
  void line(std::string_view s);
  void standalone_tag(std::string_view text);
  void wrapper(std::string_view s);
  void csv_line(std::string_view s);
  void sentence(std::string_view s, const TagBlock* inline_tag, TimeMs prefix_time);
  [[gnu::always_inline]] void deliver(std::string_view payload, int fill, TimeMs time, std::string_view station,
               const VdmSentence& v);
  void emit(const Received& r) {
    ++stats.messages;
    if (r.msg.type < stats.by_type.size()) ++stats.by_type[r.msg.type];
    if (r.meta.rxtime == kUnknownTime) ++stats.without_rxtime;
    if (r.msg.warning != Warning::None) ++stats.warnings;
    handler(r);
  }
  void end_stream();
};

// Line ends are '\n', '\r' or "\r\n" (old Mac-style captures end lines with a bare
// CR). They are found 64 bytes at a time as a bitmask, so a line costs a bit scan
// rather than a memchr call.
void Reader::Impl::feed(std::string_view bytes) {
  stats.bytes += bytes.size();
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  if (p == end) return;
  if (after_cr) {  // the LF of a CRLF that the previous chunk cut in two
    after_cr = false;
    if (*p == '\n' && ++p == end) return;
  }
  if (!carry.empty() || carry_overflow) {
    const char* eol = p;
    while (eol < end && *eol != '\n' && *eol != '\r') ++eol;
    if (!carry_overflow && carry.size() + static_cast<std::size_t>(eol - p) <= kMaxCarriedLine) {
      carry.append(p, static_cast<std::size_t>(eol - p));
    } else {
      carry.clear();
      carry_overflow = true;
    }
    if (eol == end) return;
    if (carry_overflow) {
      ++stats.lines;
      ++line_no;
      error(LineError::UnknownLine);
    } else {
      line(carry);
    }
    carry.clear();
    carry_overflow = false;
    p = eol + 1;
    if (*eol == '\r') {
      if (p == end) {
        after_cr = true;
        return;
      }
      if (*p == '\n') ++p;
    }
  }

  const char* line_start = p;
  const char* lf_of_crlf = nullptr;  // the '\n' right after a '\r' line end
  auto at_line_end = [&](const char* t) {
    if (t == lf_of_crlf && *t == '\n') {
      line_start = t + 1;
      return;
    }
    line(std::string_view(line_start, static_cast<std::size_t>(t - line_start)));
    line_start = t + 1;
    if (*t == '\r') lf_of_crlf = t + 1;
  };
  const char* block = p;
  for (; end - block >= 64; block += 64) {
    for (std::uint64_t m = scan::eol_mask64(block); m != 0; m &= m - 1)
      at_line_end(block + __builtin_ctzll(m));
  }
  for (; block < end; ++block)
    if (*block == '\n' || *block == '\r') at_line_end(block);
  if (lf_of_crlf == end) after_cr = true;
  if (line_start < end) {
    const std::size_t rest = static_cast<std::size_t>(end - line_start);
    if (rest <= kMaxCarriedLine) carry.assign(line_start, rest);
    else carry_overflow = true;
  }
}

void Reader::Impl::line(std::string_view s) {
  ++stats.lines;
  ++line_no;
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t' || s.back() == '\0'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  if (s.empty()) {
    ++stats.ignored_lines;
    return;
  }
  if (at_stream_start) {
    at_stream_start = false;
    const CsvFormat f = detect_csv_header(s);
    if (f != CsvFormat::None) {
      csv = std::make_unique<CsvReader>(f, s);
      ++stats.ignored_lines;  // the header itself
      return;
    }
  }
  if (csv) {
    csv_line(s);
    return;
  }

  const char c0 = s[0];
  if (c0 == '!' && is_vdm_or_vdo(s)) {  // the common case first
    sentence(s, nullptr, kUnknownTime);
    return;
  }
  if (c0 == '#') {
    ++stats.ignored_lines;
    return;
  }
  TimeMs prefix_time = kUnknownTime;
  if (is_digit(c0)) {
    std::string_view rest;
    if (!strip_time_prefix(s, prefix_time, rest)) {
      error(LineError::UnknownLine);
      return;
    }
    s = rest;
  }
  TagBlock tag;
  const TagBlock* inline_tag = nullptr;
  if (s[0] == '\\') {
    const std::size_t close = s.find('\\', 1);
    if (close == std::string_view::npos) {
      error(LineError::BadTagBlock);
      return;
    }
    if (close + 1 == s.size()) {  // a tag block on its own line: it belongs to the next sentence
      standalone_tag(s.substr(1, close - 1));
      return;
    }
    const bool tag_ok = parse_tag_block(s.substr(1, close - 1), tag);
    s.remove_prefix(close + 1);
    if (!tag_ok) {
      // A corrupt tag block is not trusted (its time could be wrong), but the sentence
      // after it has its own checksum and is still decoded.
      error(LineError::BadTagBlock);
      if (is_vdm_or_vdo(s)) sentence(s, nullptr, prefix_time);
      return;
    }
    inline_tag = &tag;
  }
  if (is_vdm_or_vdo(s)) {
    sentence(s, inline_tag, prefix_time);
    return;
  }
  if (s.size() > 5 && s.substr(0, 5) == "$PGHP") {
    wrapper(s);
    return;
  }
  if (s[0] == '$') {
    TimeMs t = kUnknownTime;
    switch (parse_gps_time(s, t)) {
      case GpsTime::Time:
        tick(t);
        ++stats.metadata_lines;
        return;
      case GpsTime::NoFix:  // the receiver says its clock is not to be trusted now
        clock = kUnknownTime;
        ++stats.metadata_lines;
        return;
      case GpsTime::NoTime:  // empty or impossible fields: no tick
        ++stats.metadata_lines;
        return;
      case GpsTime::BadChecksum:
        error(LineError::BadChecksum);
        return;
      case GpsTime::NotGps:
        break;
    }
  }
  error(LineError::UnknownLine);  // other NMEA sentences, junk
}

namespace {
// Views of a parse of `from` re-pointed into `kept`, a copy of the same text.
std::string_view rebase(std::string_view view, std::string_view from, const std::string& kept) {
  if (view.empty()) return {};
  return std::string_view(kept).substr(static_cast<std::size_t>(view.data() - from.data()), view.size());
}
}  // namespace

void Reader::Impl::standalone_tag(std::string_view text) {
  // DMA writes the same "\si:AISD*3F\" before every sentence: parsed once.
  if (pending_tag_text.empty() || text != pending_tag_text) {
    TagBlock parsed;  // a bad one leaves an earlier pending tag block as it was
    if (!parse_tag_block(text, parsed)) {
      error(LineError::BadTagBlock);
      return;
    }
    pending_tag_text.assign(text);
    pending_tag = parsed;
    pending_tag.station = rebase(parsed.station, text, pending_tag_text);
  }
  ++stats.metadata_lines;
  has_pending_tag = true;
}

void Reader::Impl::wrapper(std::string_view s) {
  if (!parse_pghp(s, pending_pghp)) {
    const std::size_t star = s.find('*');
    const bool sum_ok = star != std::string_view::npos && nmea_checksum_ok(s.substr(1, star - 1), s.substr(star + 1));
    error(sum_ok ? LineError::MalformedSentence : LineError::BadChecksum);
    if (!pending_pghp_text.empty()) parse_pghp(pending_pghp_text, pending_pghp);  // as above
    return;
  }
  pending_pghp_text.assign(s);
  pending_pghp.station = rebase(pending_pghp.station, s, pending_pghp_text);
  ++stats.metadata_lines;
  has_pending_pghp = true;
}

void Reader::Impl::sentence(std::string_view s, const TagBlock* inline_tag, TimeMs prefix_time) {
  ++stats.sentences;
  VdmSentence v;
  const LineError e = parse_vdm(s, v);
  // Pending metadata belongs to this sentence whatever becomes of it.
  const TagBlock* tag = inline_tag ? inline_tag : has_pending_tag ? &pending_tag : nullptr;
  const bool had_pghp = has_pending_pghp;
  has_pending_tag = false;
  has_pending_pghp = false;
  if (e != LineError::None) {
    error(e);
    return;
  }
  if (tag != nullptr && tag->group_outside_checksum) {
    // Its group is not covered by the checksum: trusted only when the sentence agrees.
    if (tag->group_number == v.number && tag->group_total == v.total) {
      ++stats.unchecked_tag_groups;
    } else {
      error(LineError::BadTagBlock);
      tag = nullptr;
    }
  }

  // Receive time, most precise convention first: tag block c:, a $PGHP wrapper naming
  // this sentence, a line prefix, then the USCG/exactEarth logger trailer.
  TimeMs time = kUnknownTime;
  TimeRank rank = TimeRank::None;
  std::string_view station;
  if (tag != nullptr) {
    station = tag->station;
    if (tag->time != kUnknownTime) time = tag->time, rank = TimeRank::TagBlock;
  }
  if (time == kUnknownTime && prefix_time != kUnknownTime) time = prefix_time, rank = TimeRank::Prefix;
  if ((time == kUnknownTime || station.empty()) && !v.trailer.empty() && v.trailer[0] == ',') {
    Trailer tr;
    parse_uscg_trailer(v.trailer, tr);
    if (time == kUnknownTime && tr.time != kUnknownTime) time = tr.time, rank = TimeRank::Trailer;
    if (station.empty()) station = tr.station;
  }
  if (time == kUnknownTime && clock_running()) time = clock, rank = TimeRank::Clock;

  if (v.total == 1) {  // straight to the payload decoder, no multipart table
    if (had_pghp && rank < TimeRank::Wrapper &&
        (pending_pghp.checksum_of_next < 0 || pending_pghp.checksum_of_next == v.checksum ||
         (pending_pghp.checksum_of_next == 0 && v.own_ship))) {  // Gatehouse writes 00 before VDO
      time = pending_pghp.time, rank = TimeRank::Wrapper;
      if (station.empty()) station = pending_pghp.station;
    }
    if (rank == TimeRank::Clock) ++stats.clock_messages;
    deliver(v.payload, v.fill, time, station, v);
    return;
  }
  Fragment f;
  f.key.source = source_hash(station);
  if (tag != nullptr && tag->has_group()) f.key.group_id = tag->group_id;
  f.key.seq_id = static_cast<std::int8_t>(v.seq_id);
  f.key.channel = v.channel;
  f.key.total = static_cast<std::uint8_t>(v.total);
  f.number = v.number;
  f.payload = v.payload;
  f.fill = v.fill;
  f.checksum = v.checksum;
  f.time = time;
  f.rank = rank;
  f.station = station;
  if (had_pghp) {
    f.wrapper_time = pending_pghp.time;
    f.wrapper_checksum = pending_pghp.checksum_of_next;
    f.wrapper_station = pending_pghp.station;
  }
  f.line_no = line_no;
  AssembledMessage done;
  switch (assembler.add(f, done)) {
    case MultipartAssembler::Result::Complete:
      if (done.rank == TimeRank::Clock) ++stats.clock_messages;
      deliver(done.payload, done.fill, done.time, done.station, v);
      break;
    case MultipartAssembler::Result::TooLong:
      error(LineError::WrongLength);
      break;
    case MultipartAssembler::Result::Pending:
    case MultipartAssembler::Result::Duplicate:  // counted by the assembler
      break;
  }
  sync_assembler_counts();
}

inline void Reader::Impl::deliver(std::string_view payload, int fill, TimeMs time, std::string_view station,
                           const VdmSentence& v) {
  if (payload.empty()) {
    error(LineError::WrongLength);
    return;
  }
  const PayloadError pe = decode_payload(payload, fill, rec.msg);
  if (pe != PayloadError::None) {
    error(from_payload_error(pe));
    return;
  }
  talker_store[0] = v.talker.size() > 0 ? v.talker[0] : 0;
  talker_store[1] = v.talker.size() > 1 ? v.talker[1] : 0;
  RxMeta& m = rec.meta;
  m.rxtime = time;
  // Every station view (the line, the kept tag block or wrapper text, the assembler's
  // copy) stays valid until the handler returns: no copy.
  m.station = station;
  m.channel = v.channel;
  m.talker = std::string_view(talker_store, 2);
  m.own_ship = v.own_ship;
  m.line_no = line_no;
  m.from_csv = false;
  emit(rec);
}

void Reader::Impl::csv_line(std::string_view s) {
  ++stats.csv_rows;
  const std::uint64_t skipped_before = csv->skipped_rows();
  const int n = csv->parse_row(s, csv_out);
  if (n < 0) {
    error(LineError::BadCsvRow);
    return;
  }
  stats.csv_rows_skipped += csv->skipped_rows() - skipped_before;
  for (int i = 0; i < n; ++i) {
    csv_out[i].meta.line_no = line_no;
    emit(csv_out[i]);
  }
}

void Reader::Impl::end_stream() {
  if (carry_overflow) {
    ++stats.lines;
    error(LineError::UnknownLine);
  } else if (!carry.empty()) {
    std::string last;
    last.swap(carry);
    line(last);
  }
  carry.clear();
  carry_overflow = false;
  after_cr = false;
  assembler.expire_all();
  sync_assembler_counts();
  at_stream_start = true;
  csv.reset();
  has_pending_tag = has_pending_pghp = false;
  clock = kUnknownTime;  // another file, another receiver
  clock_line = clock_interval = 0;
  line_no = 0;
}

Reader::Reader(MessageHandler handler, ReaderOptions options)
    : impl_(new Impl(std::move(handler), options)) {}
Reader::~Reader() { delete impl_; }

void Reader::feed(std::string_view bytes) { impl_->feed(bytes); }
void Reader::finish() { impl_->end_stream(); }
const ReaderStats& Reader::stats() const { return impl_->stats; }

void Reader::read_file(const std::string& path) {
  try {
    read_input(path, [this](std::string_view chunk) { impl_->feed(chunk); });
  } catch (...) {
    impl_->end_stream();
    throw;
  }
  impl_->end_stream();
}

}  // namespace seawarden::ais
