#include "index/anchor_count.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

namespace doppel::index {
namespace {

// Documents whose anchors take few distinct high bits, so that the pair
// test's briefs often tie and it must read the lists to decide.
struct TieProneLists {
  std::vector<uint64_t> offsets{0};
  std::vector<uint64_t> anchors;

  TieProneLists(std::mt19937_64& rng, size_t docs) {
    for (size_t d = 0; d < docs; ++d) {
      std::vector<uint64_t> mine;
      const size_t count = rng() % 40;
      for (size_t i = 0; i < count; ++i) mine.push_back((rng() % 4) << 56 | rng() % 64);
      std::sort(mine.begin(), mine.end());
      mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
      anchors.insert(anchors.end(), mine.begin(), mine.end());
      offsets.push_back(anchors.size());
    }
  }
  std::vector<uint64_t> Of(size_t d) const {
    return {anchors.begin() + static_cast<ptrdiff_t>(offsets[d]),
            anchors.begin() + static_cast<ptrdiff_t>(offsets[d + 1])};
  }
};

// The pair test by its definition: `shared` is at least min_estimate of the
// counted anchors at or below the smaller cap, on one side or the other.
bool PassesByDefinition(const TieProneLists& lists, const AnchorOptions& o,
                        const std::vector<uint64_t>& ignored, size_t x, size_t y, uint64_t shared) {
  if (shared < static_cast<uint64_t>(o.min_shared)) return false;
  auto cap = [&](size_t d) {
    const auto a = lists.Of(d);
    const bool capped = o.max_anchors != 0 && a.size() >= static_cast<size_t>(o.max_anchors);
    return capped ? a.back() : std::numeric_limits<uint64_t>::max();
  };
  const uint64_t limit = std::min(cap(x), cap(y));
  auto side_passes = [&](size_t d) {
    uint64_t comparable = 0;
    for (uint64_t a : lists.Of(d)) {
      const bool counts = !std::binary_search(ignored.begin(), ignored.end(), a);
      comparable += counts && a <= limit;
    }
    return static_cast<double>(shared) / static_cast<double>(comparable) >= o.min_estimate;
  };
  return side_passes(x) || side_passes(y);
}

TEST(PairTestTest, AgreesWithItsDefinitionWhenBriefsTie) {
  std::mt19937_64 rng(11);
  const TieProneLists lists(rng, 80);
  std::vector<uint64_t> some_ignored;
  for (uint64_t a : lists.anchors) {
    if (rng() % 5 == 0) some_ignored.push_back(a);
  }
  std::sort(some_ignored.begin(), some_ignored.end());
  some_ignored.erase(std::unique(some_ignored.begin(), some_ignored.end()), some_ignored.end());
  for (const AnchorOptions& o : {AnchorOptions{8, 12, 0, 2, 0.4}, AnchorOptions{2, 20, 0, 1, 0.3},
                                 AnchorOptions{1, 0, 0, 3, 0.25}, AnchorOptions{8, 5, 0, 1, 1.0}}) {
    for (const auto& ignored : {std::vector<uint64_t>{}, some_ignored}) {
      const PairTest test(AnchorLists(lists.offsets, lists.anchors), o, ignored);
      for (uint32_t x = 0; x < 80; ++x) {
        for (uint32_t y = x + 1; y < 80; ++y) {
          const uint64_t shared = rng() % 24;
          ASSERT_EQ(test.Passes(x, y, shared), PassesByDefinition(lists, o, ignored, x, y, shared))
              << "x " << x << " y " << y << " shared " << shared << " max_anchors " << o.max_anchors
              << " ignored " << ignored.size();
        }
      }
    }
  }
}

}  // namespace
}  // namespace doppel::index
