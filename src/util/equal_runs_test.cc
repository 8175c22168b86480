#include "util/equal_runs.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace doppel::util {
namespace {

std::vector<std::vector<int>> Runs(const std::vector<int>& items) {
  std::vector<std::vector<int>> runs;
  ForEachEqualRun(
      std::span<const int>(items), [](int a, int b) { return a == b; },
      [&](std::span<const int> run) { runs.emplace_back(run.begin(), run.end()); });
  return runs;
}

TEST(EqualRunsTest, SplitsASortedSequenceIntoItsRuns) {
  EXPECT_EQ(Runs({1, 1, 2, 3, 3, 3}), (std::vector<std::vector<int>>{{1, 1}, {2}, {3, 3, 3}}));
  EXPECT_EQ(Runs({7}), (std::vector<std::vector<int>>{{7}}));
  EXPECT_TRUE(Runs({}).empty());
  EXPECT_EQ(Runs({4, 4, 4}), (std::vector<std::vector<int>>{{4, 4, 4}}));
}

TEST(EqualRunsTest, ComparesEachItemWithItsRunsFirst) {
  // "Within 2 of the run's first": 1 2 3 | 4 5 6 | 7, not one chain.
  std::vector<int> items{1, 2, 3, 4, 5, 6, 7};
  std::vector<std::pair<int, size_t>> runs;  // first, size
  ForEachEqualRun(
      std::span<const int>(items), [](int first, int x) { return x - first <= 2; },
      [&](std::span<const int> run) { runs.emplace_back(run.front(), run.size()); });
  EXPECT_EQ(runs, (std::vector<std::pair<int, size_t>>{{1, 3}, {4, 3}, {7, 1}}));
}

}  // namespace
}  // namespace doppel::util
