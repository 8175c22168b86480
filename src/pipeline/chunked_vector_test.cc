#include "pipeline/chunked_vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <vector>

namespace doppel::pipeline {
namespace {

TEST(ChunkedVectorTest, HoldsWhatWasPushedAcrossChunks) {
  ChunkedVector<uint64_t> v;
  EXPECT_EQ(v.size(), 0u);
  constexpr uint64_t kCount = 200000;  // several chunks of 65,536
  for (uint64_t i = 0; i < kCount; ++i) v.push_back(i * 3);
  ASSERT_EQ(v.size(), kCount);
  for (uint64_t i = 0; i < kCount; ++i) ASSERT_EQ(v[i], i * 3) << i;
  v[70000] = 7;
  const ChunkedVector<uint64_t>& view = v;
  EXPECT_EQ(view[70000], 7u);
}

TEST(ChunkedVectorTest, ElementsNeverMove) {
  ChunkedVector<uint64_t> v;
  v.push_back(1);
  const uint64_t* first = &v[0];
  for (int i = 0; i < 300000; ++i) v.push_back(2);
  EXPECT_EQ(first, &v[0]);
}

TEST(ChunkedVectorTest, VisitsItsChunksInOrderAndClears) {
  ChunkedVector<uint32_t> v;
  constexpr uint32_t kCount = 150000;  // two full chunks and part of a third
  for (uint32_t i = 0; i < kCount; ++i) v.push_back(i);
  std::vector<size_t> sizes;
  uint32_t expected = 0;
  v.ForEachChunk([&](std::span<const uint32_t> chunk) {
    sizes.push_back(chunk.size());
    for (uint32_t x : chunk) ASSERT_EQ(x, expected++);
  });
  EXPECT_EQ(sizes, (std::vector<size_t>{65536, 65536, kCount - 2 * 65536}));
  v.clear();
  EXPECT_EQ(v.size(), 0u);
  size_t chunks = 0;
  v.ForEachChunk([&](std::span<const uint32_t>) { ++chunks; });
  EXPECT_EQ(chunks, 0u);
  v.push_back(9);  // usable again
  EXPECT_EQ(v[0], 9u);
}

}  // namespace
}  // namespace doppel::pipeline
