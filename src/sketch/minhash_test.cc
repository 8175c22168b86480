#include "doppel/minhash.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>

#include "test_util.h"

namespace doppel {
namespace {

using Sketch =
    std::function<void(std::span<const uint64_t>, int, uint64_t, std::vector<uint32_t>*)>;

struct PairOfSets {
  std::vector<uint64_t> a;
  std::vector<uint64_t> b;
  double jaccard;  // computed exactly, by construction
};

// Two sets sharing `common` elements, with `only_a` and `only_b` of their own.
PairOfSets MakePair(std::mt19937_64& rng, size_t common, size_t only_a, size_t only_b) {
  PairOfSets p;
  p.a = testing::RandomSet(rng, common);
  p.b = p.a;
  auto extra_a = testing::RandomSet(rng, only_a);
  auto extra_b = testing::RandomSet(rng, only_b);
  p.a.insert(p.a.end(), extra_a.begin(), extra_a.end());
  p.b.insert(p.b.end(), extra_b.begin(), extra_b.end());
  p.jaccard = static_cast<double>(common) / static_cast<double>(common + only_a + only_b);
  return p;
}

// Checks a sketch against exact Jaccard over many random pairs: each
// estimate lies within 5 standard deviations of the truth (the binomial
// bound sqrt(J(1-J)/K)), the estimates are unbiased, and their mean squared
// error is close to the theoretical variance.
void CheckAgainstExact(const Sketch& sketch, size_t min_size, size_t max_size) {
  constexpr int kHashes = 256;
  constexpr int kTrials = 300;
  std::mt19937_64 rng(42);
  std::vector<uint32_t> sa;
  std::vector<uint32_t> sb;
  double sum_error = 0;
  double sum_sq_error = 0;
  double sum_variance = 0;
  for (int t = 0; t < kTrials; ++t) {
    size_t total = min_size + rng() % (max_size - min_size + 1);
    size_t common = rng() % (total + 1);
    size_t only_a = (total - common) / 2;
    PairOfSets p = MakePair(rng, common, only_a, total - common - only_a);
    sketch(p.a, kHashes, 7, &sa);
    sketch(p.b, kHashes, 7, &sb);
    double est = EstimateJaccard(sa, sb);
    double var = p.jaccard * (1 - p.jaccard) / kHashes;
    EXPECT_LE(std::abs(est - p.jaccard), 5 * std::sqrt(var) + 1.0 / kHashes)
        << "trial " << t << " J=" << p.jaccard << " est=" << est << " sizes " << p.a.size();
    sum_error += est - p.jaccard;
    sum_sq_error += (est - p.jaccard) * (est - p.jaccard);
    sum_variance += var;
  }
  double bias = sum_error / kTrials;
  EXPECT_LT(std::abs(bias), 4 * std::sqrt(sum_variance) / kTrials + 1e-3) << "bias " << bias;
  EXPECT_LT(sum_sq_error, 1.5 * sum_variance + 1e-4);
}

TEST(MinHashTest, OnePermutationMatchesExactJaccardOnLargeSets) {
  CheckAgainstExact(OnePermutationMinHash, 400, 3000);
}

TEST(MinHashTest, OnePermutationMatchesExactJaccardOnSetsSmallerThanTheSketch) {
  // Most bins are empty and filled by densification.
  CheckAgainstExact(OnePermutationMinHash, 20, 200);
}

TEST(MinHashTest, ClassicMatchesExactJaccard) { CheckAgainstExact(ClassicMinHash, 50, 600); }

TEST(MinHashTest, IdenticalSetsAgreeEverywhereAndOrderDoesNotMatter) {
  std::mt19937_64 rng(1);
  auto a = testing::RandomSet(rng, 500);
  auto b = a;
  std::reverse(b.begin(), b.end());
  std::vector<uint32_t> sa;
  std::vector<uint32_t> sb;
  OnePermutationMinHash(a, 128, 3, &sa);
  OnePermutationMinHash(b, 128, 3, &sb);
  EXPECT_EQ(sa, sb);
  EXPECT_EQ(EstimateJaccard(sa, sb), 1.0);
}

TEST(MinHashTest, DisjointSetsRarelyAgree) {
  std::mt19937_64 rng(2);
  std::vector<uint32_t> sa;
  std::vector<uint32_t> sb;
  OnePermutationMinHash(testing::RandomSet(rng, 1000), 128, 3, &sa);
  OnePermutationMinHash(testing::RandomSet(rng, 1000), 128, 3, &sb);
  EXPECT_LT(EstimateJaccard(sa, sb), 0.02);
}

TEST(MinHashTest, SeedChangesTheSignature) {
  std::mt19937_64 rng(3);
  auto a = testing::RandomSet(rng, 300);
  std::vector<uint32_t> s1;
  std::vector<uint32_t> s2;
  OnePermutationMinHash(a, 64, 1, &s1);
  OnePermutationMinHash(a, 64, 2, &s2);
  EXPECT_NE(s1, s2);
  EXPECT_EQ(s1.size(), 64u);
}

TEST(MinHashTest, SingleElementFillsEveryBin) {
  std::vector<uint64_t> one{12345};
  std::vector<uint32_t> sig;
  OnePermutationMinHash(one, 32, 1, &sig);
  for (uint32_t v : sig) EXPECT_EQ(v, sig[0]);
}

}  // namespace
}  // namespace doppel
