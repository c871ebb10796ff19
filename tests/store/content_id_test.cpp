// Content ids: the same for a file read by stdio, mapped, or in memory, and stable across
// versions (stores written earlier recognise their files).
#include <gtest/gtest.h>

#include <fstream>

#include "store/content_id.h"
#include "store/store_test_util.h"

namespace seawarden::store {
namespace {

TEST(ContentId, KnownValueAndEveryWayOfReadingAgree) {
  EXPECT_EQ(content_id_of_bytes("hello").id, "5-3610a686-062c0215");  // zlib crc32 and adler32 of "hello"
  testing::TempDir dir;
  std::string data;
  for (int i = 0; i < 300'000; ++i) data += static_cast<char>('!' + (static_cast<long long>(i) * 7919) % 90);  // no int overflow (UB)
  const auto path = dir.file("input.nmea");
  std::ofstream(path, std::ios::binary) << data;
  const auto from_file = content_id_of_file(path);
  EXPECT_EQ(from_file.size, data.size());
  EXPECT_EQ(content_id_of_bytes(data).id, from_file.id);
  MappedFile mapped(path);
  ASSERT_TRUE(mapped.mapped());
  EXPECT_EQ(mapped.bytes(), data);
  EXPECT_EQ(content_id_of_bytes(mapped.bytes()).id, from_file.id);
  EXPECT_EQ(mapped.content_id().id, from_file.id);  // hashed slice by slice, pages released
  EXPECT_EQ(mapped.bytes(), data);                  // released pages read back from the file
  std::ofstream(dir.file("empty"));
  EXPECT_FALSE(MappedFile(dir.file("empty")).mapped());  // empty: read the ordinary way
  EXPECT_EQ(content_id_of_file(dir.file("empty")).id, "0-00000000-00000001");
  EXPECT_THROW(MappedFile(dir.file("missing")), std::runtime_error);
}

}  // namespace
}  // namespace seawarden::store
