#include "util/uninitialized.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace doppel::util {
namespace {

// Elements that need construction still get it; values passed in are kept.
TEST(UninitializedVectorTest, ConstructsWhatNeedsConstructionAndKeepsValuesGiven) {
  UninitializedVector<std::string> strings(3);
  EXPECT_EQ(strings, (UninitializedVector<std::string>{"", "", ""}));
  UninitializedVector<std::pair<uint64_t, uint32_t>> pairs(4);
  for (size_t i = 0; i < pairs.size(); ++i) pairs[i] = {i, static_cast<uint32_t>(2 * i)};
  pairs.resize(6);  // two more, left as allocated, then written
  pairs[4] = {40, 8};
  pairs[5] = {50, 10};
  EXPECT_EQ(pairs[3], (std::pair<uint64_t, uint32_t>{3, 6}));
  EXPECT_EQ(pairs[5], (std::pair<uint64_t, uint32_t>{50, 10}));
  UninitializedVector<uint32_t> filled(5, 7u);  // a value given is written
  for (uint32_t v : filled) EXPECT_EQ(v, 7u);
  filled.push_back(9);
  EXPECT_EQ(filled.back(), 9u);
}

}  // namespace
}  // namespace doppel::util
