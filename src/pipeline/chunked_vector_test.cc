#include "pipeline/chunked_vector.h"

#include <gtest/gtest.h>

#include <cstdint>

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

}  // namespace
}  // namespace doppel::pipeline
