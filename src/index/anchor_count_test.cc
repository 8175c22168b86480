#include "index/anchor_count.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <limits>
#include <random>

namespace doppel::index {
namespace {

// Documents' sorted anchors: up to max_count each, from make_anchor().
struct TestLists {
  std::vector<uint64_t> offsets{0};
  std::vector<uint64_t> anchors;

  template <typename MakeAnchor>
  TestLists(std::mt19937_64& rng, size_t docs, size_t max_count, MakeAnchor make_anchor) {
    for (size_t d = 0; d < docs; ++d) {
      std::vector<uint64_t> mine;
      const size_t count = rng() % max_count;
      for (size_t i = 0; i < count; ++i) mine.push_back(make_anchor());
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

// Documents whose anchors take few distinct high bits, so that the pair
// test's briefs often tie and it must read the lists to decide.
TestLists TieProneLists(std::mt19937_64& rng, size_t docs) {
  return TestLists(rng, docs, 40, [&] { return (rng() % 4) << 56 | rng() % 64; });
}

// The pair test by its definition: `shared` is at least min_estimate of the
// counted anchors at or below the smaller cap, on one side or the other.
bool PassesByDefinition(const TestLists& lists, const AnchorOptions& o,
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
  const TestLists lists = TieProneLists(rng, 80);
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

// Many anchors a document, spread below the sampling cutoff (the briefs'
// codes decide most tests), or of every size (long documents' anchors are
// small: the codes' lower octaves); with no cap, a document may have more counted
// anchors than a brief holds (255), which the test then counts from the
// list.
TEST(PairTestTest, AgreesWithItsDefinitionForSpreadAndSmallAnchors) {
  std::mt19937_64 rng(12);
  const TestLists spread(rng, 60, 400, [&] { return rng() >> 3; });
  // Anchors from 61 bits wide down to 37: every octave of the codes, and
  // below them.
  const TestLists small(rng, 60, 400, [&] { return rng() >> (3 + rng() % 25); });
  for (const TestLists* lists : {&spread, &small}) {
    for (const AnchorOptions& o :
         {AnchorOptions{8, 64, 0, 2, 0.4}, AnchorOptions{8, 0, 0, 2, 0.4},
          AnchorOptions{8, 300, 0, 1, 0.8}, AnchorOptions{8, 0, 0, 3, 0.25}}) {
      const PairTest test(AnchorLists(lists->offsets, lists->anchors), o, {});
      for (uint32_t x = 0; x < 60; ++x) {
        for (uint32_t y = x + 1; y < 60; ++y) {
          // Counts around every slot of a brief, and past 255 counted anchors.
          const uint64_t shared = rng() % 2 == 0 ? rng() % 24 : rng() % 400;
          ASSERT_EQ(test.Passes(x, y, shared), PassesByDefinition(*lists, o, {}, x, y, shared))
              << "x " << x << " y " << y << " shared " << shared << " max_anchors "
              << o.max_anchors;
        }
      }
    }
  }
}

TEST(AnchorCodeTest, KeepsTheOrderOfValuesAndTellsApartThoseSevenPercentApart) {
  std::mt19937_64 rng(13);
  for (const int lowest : {-3, 0, 2, 20, 46, 49}) {
    // Values around every power of two, and random ones of every width.
    std::vector<uint64_t> values{0};
    for (int w = 0; w < 64; ++w) {
      const uint64_t p = uint64_t{1} << w;
      values.insert(values.end(), {p - 1, p, p + 1, p + p / 3, p + (p >> 4)});
      for (int i = 0; i < 20; ++i) values.push_back(p | (rng() & (p - 1)));
    }
    values.push_back(std::numeric_limits<uint64_t>::max() - 1);
    std::sort(values.begin(), values.end());
    for (size_t i = 1; i < values.size(); ++i) {
      ASSERT_LE(AnchorCode(values[i - 1], lowest), AnchorCode(values[i], lowest))
          << values[i - 1] << " " << values[i] << " lowest " << lowest;
    }
    for (uint64_t v : values) {
      ASSERT_LT(AnchorCode(v, lowest), 255) << v;
      const int width = std::bit_width(v);
      const uint64_t apart = v + v / 14 + 1;  // 7% above
      if (width > lowest && width + 1 <= lowest + 15 && apart > v) {
        EXPECT_LT(AnchorCode(v, lowest), AnchorCode(apart, lowest)) << v << " lowest " << lowest;
      }
    }
  }
  EXPECT_EQ(AnchorCode(std::numeric_limits<uint64_t>::max(), 46), 255);  // uncapped
}

}  // namespace
}  // namespace doppel::index
