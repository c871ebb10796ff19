// Exports from a damaged or hostile store: a `fields` text that is not one JSON object (a second
// JSON line, NaN, bare words) never reaches the output as it is; the other rows are all kept.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "screen/csv.h"
#include "store/export.h"
#include "store/queries.h"
#include "store/schema.h"
#include "store/store_test_util.h"
#include "store/writer.h"

namespace seawarden::store {
// Named: the test files are compiled several to a unit (tests/CMakeLists.txt).
namespace hostile_export_test {
namespace {

using testing::kT0;
using testing::make_event;
using testing::TempDir;

constexpr std::int64_t kH = 3600'000;

// What an EventWriter writes for these events, and how many it found with damaged fields.
struct Written {
  std::string text;
  std::size_t damaged = 0;
  std::int64_t first_damaged = 0;
};

template <typename Rows>
Written write_all(EventFormat format, Rows&& rows) {
  char* buf = nullptr;
  std::size_t len = 0;
  std::FILE* mem = open_memstream(&buf, &len);
  Written w;
  {
    EventWriter writer(mem, format);
    rows([&](const StoredEvent& e) { writer.add(e); });
    writer.finish();
    w.damaged = writer.damaged_fields();
    w.first_damaged = writer.first_damaged_id();
  }
  std::fclose(mem);
  w.text.assign(buf, len);
  std::free(buf);
  return w;
}

Written write_one(EventFormat format, const StoredEvent& e) {
  return write_all(format, [&](auto&& add) { add(e); });
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  EXPECT_EQ(start, text.size()) << "output does not end with a newline";
  return out;
}

StoredEvent with_fields(std::string fields) {
  StoredEvent se;
  se.id = 7;
  se.event = make_event("gap", kT0, kT0 + 2 * kH, {412000001});
  se.fields_json = std::move(fields);
  return se;
}

class HostileStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<Database>(dir.file("hostile.db"), Database::Mode::ReadWrite);
    migrate(*db);
    StoreWriter w(*db);
    const FileRecord f = testing::begin_day1(w);
    for (int i = 0; i < 4; ++i) {
      auto e = make_event("loitering", kT0 + i * kH, kT0 + i * kH + 2 * kH, {412000001u + static_cast<unsigned>(i)});
      e.fields = {{"name", "\xeb\x8c\x80\xed\x95\x9c " + std::to_string(i)}, {"dwell_h", 2.0}, {"zone", "z"}};
      ids.push_back(w.on_event(e));
    }
    w.commit_file(f, "");
    auto st = db->prepare("UPDATE events SET fields = ? WHERE id = ?");
    const char* hostile[] = {
        "{\"name\":\"A\"}\n{\"id\":999,\"kind\":\"sanctions_hit\",\"vessels\":[1],\"x\":1}",  // a second line
        "{\"name\":\"B\",\"score\":NaN,\"zone\":x\"y}",                                      // NaN, bare word
        "not JSON at all\n",
    };
    for (int i = 0; i < 3; ++i) {
      st.bind(1, std::string_view(hostile[i])).bind(2, ids[static_cast<std::size_t>(i)]);
      st.step();
      st.reset();
    }
  }
  Written export_events(EventFormat format) {
    EventFilter f;
    f.parse_fields = false;  // as `seawarden events` reads them
    return write_all(format, [&](auto&& add) { for_each_event(*db, f, add); });
  }

  TempDir dir;
  std::unique_ptr<Database> db;
  std::vector<std::int64_t> ids;
};

TEST_F(HostileStore, JsonLinesAreEachOneValidObjectAndNoRowIsLost) {
  const auto w = export_events(EventFormat::jsonl);
  const auto lines = lines_of(w.text);
  ASSERT_EQ(lines.size(), 4u) << w.text;
  std::vector<nlohmann::json> rows;
  for (const auto& line : lines) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    ASSERT_TRUE(j.is_object()) << line;
    EXPECT_EQ(line.find("999"), std::string::npos) << line;
    rows.push_back(j);
  }
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(rows[i]["id"], ids[i]);
    EXPECT_EQ(rows[i]["kind"], "loitering");
  }
  // The well-formed members before the damage are kept, nothing after it.
  EXPECT_EQ(rows[0]["name"], "A");
  EXPECT_FALSE(rows[0].contains("x"));
  EXPECT_EQ(rows[1]["name"], "B");
  EXPECT_FALSE(rows[1].contains("score"));
  EXPECT_FALSE(rows[1].contains("zone"));
  EXPECT_FALSE(rows[2].contains("name"));
  EXPECT_EQ(rows[3]["name"], "\xeb\x8c\x80\xed\x95\x9c 3");  // the untouched row as it was
  EXPECT_EQ(rows[3]["dwell_h"], 2.0);
  EXPECT_EQ(w.damaged, 3u);
  EXPECT_EQ(w.first_damaged, ids[0]);
}

TEST_F(HostileStore, GeojsonIsOneValidDocumentWithEveryRow) {
  const auto w = export_events(EventFormat::geojson);
  auto doc = nlohmann::json::parse(w.text, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << w.text;
  ASSERT_EQ(doc["features"].size(), 4u);
  EXPECT_EQ(doc["features"][0]["properties"]["name"], "A");
  EXPECT_FALSE(doc["features"][1]["properties"].contains("score"));
  EXPECT_EQ(doc["features"][3]["properties"]["zone"], "z");
  EXPECT_EQ(w.damaged, 3u);
}

TEST_F(HostileStore, CsvFieldsColumnIsValidJsonOnEveryRow) {
  const auto w = export_events(EventFormat::csv);
  screen::CsvReader reader(w.text);
  std::vector<std::string> row;
  ASSERT_TRUE(reader.next(row));  // header
  ASSERT_EQ(row.back(), "fields");
  std::size_t n = 0;
  while (reader.next(row)) {
    ASSERT_EQ(row.size(), 11u);
    auto j = nlohmann::json::parse(row[10], nullptr, false);
    EXPECT_TRUE(j.is_object()) << row[10];
    ++n;
  }
  EXPECT_EQ(n, 4u);
}

TEST_F(HostileStore, TableHasOneLinePerRow) {
  const auto w = export_events(EventFormat::table);
  EXPECT_EQ(lines_of(w.text).size(), 5u) << w.text;  // header and four rows
}

TEST(StoreExportFields, MembersNamedLikeTheEventsOwnAreLeftOut) {
  // A JSON line's id, kind, times, vessels and position are the event's: a stored field of the
  // same name, even written with escapes, would override them for most readers.
  auto se = with_fields(R"({"id":999,"kind":"sanctions_hit","\u0069d":998,"lat":1.5,"name":"n","provisional":true})");
  const auto line = event_json_line(se);
  EXPECT_EQ(line.find("999"), std::string::npos) << line;
  EXPECT_EQ(line.find("998"), std::string::npos) << line;
  EXPECT_EQ(line.find("sanctions_hit"), std::string::npos) << line;
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["id"], 7);
  EXPECT_EQ(j["lat"], 38.5);
  EXPECT_EQ(j["name"], "n");
  EXPECT_FALSE(j.contains("provisional"));
  EXPECT_EQ(write_one(EventFormat::jsonl, se).damaged, 0u);  // a valid object: not counted
  // The same with keys in order and no escapes (a text that is otherwise copied as it is).
  se.fields_json = R"({"end":"2030-01-01T00:00:00Z","id":999,"kind":"sanctions_hit","lat":1.5,"name":"n"})";
  const auto copied = event_json_line(se);
  EXPECT_EQ(copied.find("999"), std::string::npos) << copied;
  EXPECT_EQ(copied.find("2030"), std::string::npos) << copied;
  EXPECT_EQ(copied.find("sanctions_hit"), std::string::npos) << copied;
  EXPECT_EQ(copied.find("1.5"), std::string::npos) << copied;
  EXPECT_NE(copied.find(R"("name":"n"})"), std::string::npos) << copied;
}

TEST(StoreExportFields, RepeatedKeysAreWrittenOnce) {
  auto se = with_fields(R"({"name":"a","zone":"z","name":"b"})");
  const auto line = event_json_line(se);
  EXPECT_EQ(line.find("\"name\":\"a\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"name\":\"b\""), std::string::npos) << line;  // the last, as nlohmann reads it
}

TEST(StoreExportFields, ValidTextIsCompactedNeverSplitOverLines) {
  auto se = with_fields("{\n  \"name\" : \"a\\nb\",\r\n\t\"nested\": { \"x\" : [ 1 , 2.5e-3 ] }\n}\n");
  const auto w = write_one(EventFormat::jsonl, se);
  EXPECT_EQ(w.damaged, 0u);
  ASSERT_EQ(lines_of(w.text).size(), 1u) << w.text;
  EXPECT_NE(w.text.find(R"("name":"a\nb","nested":{"x":[1,2.5e-3]}})"), std::string::npos) << w.text;
}

TEST(StoreExportFields, EveryTextNlohmannRefusesIsCountedAndNeverCopied) {
  struct Case {
    std::string fields;
    bool valid;
  };
  const std::vector<Case> cases = {
      {R"({"a":NaN})", false}, {R"({"a":Infinity})", false}, {R"({"a":-Infinity})", false},
      {R"({"a":nul})", false}, {R"({"a":01})", false}, {R"({"a":1.})", false}, {R"({"a":.5})", false},
      {R"({"a":+1})", false}, {R"({"a":1e})", false}, {R"({"a":1e999})", false}, {R"({"a":-1e999})", false},
      {R"({"a":"\ud800"})", false}, {R"({"a":"\udc00\ud800"})", false}, {R"({"a":"\x41"})", false},
      {"{\"a\":\"tab\there\"}", false}, {"{\"a\":\"\xff\"}", false}, {"{\"a\":\"\xc2\x9b\"}", true},
      {R"({"a":1,})", false}, {R"({"a":1)", false}, {R"({"a" 1})", false}, {R"({a:1})", false},
      {R"({"a":1}{"b":2})", false}, {R"([1,2])", false}, {R"("text")", false}, {"", true /* no fields */},
      {std::string(100000, '[') + std::string(100000, ']'), false},
      {"{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}", false},
      {R"({"a":"\u12"})", false}, {R"({"a":"\u00g1"})", false}, {R"({"a":"\u00E9\/"})", true},
      {R"({"a":"\u0000"})", true}, {R"({"a":"\ud83d\udea2"})", true}, {R"({"a":1e-999})", true},
      {R"({"a":-0.0e+5,"b":[],"c":{},"d":[{}],"e":true,"f":false,"g":null})", true}, {"{}", true},
      {" {\"a\":\"\xeb\x8c\x80\xed\x95\x9c\"} ", true}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.fields.substr(0, 60));
    const auto se = with_fields(c.fields);
    if (!c.fields.empty() && c.fields.size() < 1000) {  // the reference: nlohmann::json reads it as an object
      auto j = nlohmann::json::parse(c.fields, nullptr, false);
      EXPECT_EQ(!j.is_discarded() && j.is_object(), c.valid);
    }
    for (auto format : {EventFormat::jsonl, EventFormat::geojson, EventFormat::csv, EventFormat::table}) {
      const auto w = write_one(format, se);
      EXPECT_EQ(w.damaged, c.valid ? 0u : 1u);
      if (format == EventFormat::jsonl) {
        const auto lines = lines_of(w.text);
        ASSERT_EQ(lines.size(), 1u);
        EXPECT_TRUE(nlohmann::json::parse(lines[0], nullptr, false).is_object()) << lines[0];
      } else if (format == EventFormat::geojson) {
        EXPECT_FALSE(nlohmann::json::parse(w.text, nullptr, false).is_discarded()) << w.text;
      }
    }
  }
}

TEST(StoreExportFields, MutatedFieldsAlwaysGiveValidLinesAndAgreeWithNlohmann) {
  const std::string base =
      R"({"agrees_on":["imo","callsign"],"callsign":"B2UW6","imo":9879923,"name":"ZHONG \"RONG\" 29\u00e9",)"
      R"("nested":{"x":[1,-2.5e-3,{"y":null}]},"score":1.0,"ok":true})";
  const std::string alphabet = std::string("\"\\{}[],:-+.eE0019aNnul tf\n\r\t\x1b\x7f\xff\xc2\x9b") + '\0';
  std::mt19937 rng(20240509);
  std::size_t damaged_total = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string t = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits; ++k) {
      const std::size_t at = rng() % (t.size() + 1);
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0: t.insert(at, 1, c); break;
        case 1: if (at < t.size()) t.erase(at, 1); break;
        default: if (at < t.size()) t[at] = c;
      }
    }
    SCOPED_TRACE(t);
    auto ref = nlohmann::json::parse(t, nullptr, false);
    // (nlohmann::json takes a NUL byte outside a string for the end of the text: not JSON here.)
    const bool valid = !ref.is_discarded() && ref.is_object() && t.find('\0') == std::string::npos;
    const auto w = write_one(EventFormat::jsonl, with_fields(t));
    EXPECT_EQ(w.damaged, valid ? 0u : 1u);
    damaged_total += w.damaged;
    const auto lines = lines_of(w.text);
    ASSERT_EQ(lines.size(), 1u);
    auto line = nlohmann::json::parse(lines[0], nullptr, false);
    ASSERT_TRUE(line.is_object()) << lines[0];
    EXPECT_EQ(line["id"], 7);
    EXPECT_EQ(line["kind"], "gap");
    if (valid) {  // a valid object keeps every member (but the event's own names) and value
      for (const char* own : {"id", "kind", "start", "end", "vessels", "lat", "lon", "provisional"}) ref.erase(own);
      for (auto it = ref.begin(); it != ref.end(); ++it) EXPECT_EQ(line[it.key()], it.value()) << it.key();
    }
  }
  EXPECT_GT(damaged_total, 1000u);  // the mutations did damage most texts
}

TEST(StoreExportFields, CsvKindIsQuoted) {
  auto se = with_fields(R"({"zone":"z"})");
  se.event.kind = "gap,\"x\"\nfake,row";
  const auto w = write_one(EventFormat::csv, se);
  EXPECT_NE(w.text.find("\n7,\"gap,\"\"x\"\"\nfake,row\","), std::string::npos) << w.text;
  screen::CsvReader reader(w.text);
  std::vector<std::string> row;
  ASSERT_TRUE(reader.next(row));
  ASSERT_TRUE(reader.next(row));
  ASSERT_EQ(row.size(), 11u);
  EXPECT_EQ(row[1], se.event.kind);
  EXPECT_EQ(row[10], R"({"zone":"z"})");
  EXPECT_FALSE(reader.next(row));
}

TEST(StoreExportFields, TableShowsControlCharactersEscaped) {
  auto se = with_fields(R"({"zone":"anch\u001b]0;PWNED\u0007","name":"X\u009b2J\u007f","reason":"a\nb"})");
  se.event.kind = "gap\x1b[2J";
  se.provisional = true;
  const auto w = write_one(EventFormat::table, se);
  for (std::size_t i = 0; i < w.text.size(); ++i) {
    const auto c = static_cast<unsigned char>(w.text[i]);
    EXPECT_TRUE(c >= 0x20 ? c != 0x7f && !(c == 0xc2 && static_cast<unsigned char>(w.text[i + 1]) < 0xa0) : c == '\n')
        << "byte " << int(c) << " at " << i << " in " << w.text;
  }
  EXPECT_NE(w.text.find("gap\\x1b[2J*"), std::string::npos) << w.text;
  EXPECT_NE(w.text.find("zone=anch\\x1b]0;PWNED\\x07"), std::string::npos) << w.text;
  EXPECT_NE(w.text.find("reason=a\\x0ab name=X\\u009b2J\\x7f"), std::string::npos) << w.text;
  EXPECT_EQ(lines_of(w.text).size(), 3u);  // header, the row, the footnote
}

}  // namespace
}  // namespace hostile_export_test
}  // namespace seawarden::store
