#include "io/stream_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "test_util.h"

namespace doppel::io {
namespace {

using doppel::testing::TempDir;

TEST(StreamFileTest, EachStreamReadsBackWhatWasAppendedInOrder) {
  TempDir dir;
  StreamFile<uint64_t> file;
  // A 64-byte buffer: eight records a chunk, so streams interleave in the
  // file chunk by chunk.
  ASSERT_OK(file.Create(dir.File("s.bin"), 5, 64));
  std::vector<std::vector<uint64_t>> expected(5);
  std::mt19937_64 rng(2);
  for (int step = 0; step < 400; ++step) {
    const size_t s = rng() % 4;  // stream 4 stays empty
    std::vector<uint64_t> records(rng() % 20);
    for (uint64_t& r : records) r = rng();
    ASSERT_OK(file.Append(s, records));
    expected[s].insert(expected[s].end(), records.begin(), records.end());
  }
  ASSERT_OK(file.Seal());
  ASSERT_EQ(file.streams(), 5u);
  for (size_t s = 0; s < 5; ++s) {
    EXPECT_EQ(file.size(s), expected[s].size());
    std::vector<uint64_t> read = {42};  // replaced, not appended to
    ASSERT_OK(file.Read(s, &read));
    EXPECT_EQ(read, expected[s]) << s;
    std::vector<uint64_t> chunked;
    ASSERT_OK(file.ForEachChunk(s, [&](std::span<const uint64_t> c) {
      chunked.insert(chunked.end(), c.begin(), c.end());
    }));
    EXPECT_EQ(chunked, expected[s]) << s;
  }
  // Letting go of a stream leaves the others as they were.
  file.Discard(1);
  EXPECT_EQ(file.size(1), 0u);
  std::vector<uint64_t> read;
  ASSERT_OK(file.Read(1, &read));
  EXPECT_TRUE(read.empty());
  for (size_t s : {0, 2, 3}) {
    ASSERT_OK(file.Read(s, &read));
    EXPECT_EQ(read, expected[s]) << s;
  }
}

TEST(StreamFileTest, ThreadsAppendToDistinctStreamsAtOnce) {
  TempDir dir;
  StreamFile<uint32_t> file;
  ASSERT_OK(file.Create(dir.File("s.bin"), 4, 256));
  std::vector<std::thread> threads;
  for (uint32_t s = 0; s < 4; ++s) {
    threads.emplace_back([&file, s] {
      for (uint32_t i = 0; i < 10000; ++i) {
        const uint32_t v = s << 24 | i;
        ASSERT_TRUE(file.Append(s, {&v, 1}).ok());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_OK(file.Seal());
  for (uint32_t s = 0; s < 4; ++s) {
    std::vector<uint32_t> read;
    ASSERT_OK(file.Read(s, &read));
    ASSERT_EQ(read.size(), 10000u);
    for (uint32_t i = 0; i < read.size(); ++i) ASSERT_EQ(read[i], s << 24 | i);
  }
}

TEST(StreamFileTest, TheFileGoesWithTheObjectAndMovesWithIt) {
  TempDir dir;
  const std::string path = dir.File("s.bin");
  {
    StreamFile<uint32_t> file;
    ASSERT_OK(file.Create(path, 2, 4096));
    const uint32_t v = 7;
    ASSERT_OK(file.Append(1, {&v, 1}));
    StreamFile<uint32_t> moved = std::move(file);
    ASSERT_OK(moved.Seal());
    std::vector<uint32_t> read;
    ASSERT_OK(moved.Read(1, &read));
    EXPECT_EQ(read, std::vector<uint32_t>{7});
    EXPECT_TRUE(std::filesystem::exists(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(StreamFileTest, AFileThatCannotBeCreatedIsNamed) {
  TempDir dir;
  StreamFile<uint32_t> file;
  const std::string path = dir.File("missing/s.bin");
  Status s = file.Create(path, 3, 4096);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
}

}  // namespace
}  // namespace doppel::io
