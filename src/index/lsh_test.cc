#include "doppel/lsh.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "doppel/minhash.h"
#include "test_util.h"

namespace doppel {
namespace {

TEST(LshTest, CollisionProbabilityFollowsTheFormula) {
  LshParams p{20, 5};
  EXPECT_DOUBLE_EQ(CollisionProbability(0.0, p), 0.0);
  EXPECT_DOUBLE_EQ(CollisionProbability(1.0, p), 1.0);
  EXPECT_NEAR(CollisionProbability(0.5, p), 1 - std::pow(1 - std::pow(0.5, 5), 20), 1e-12);
}

TEST(LshTest, SCurveIsMonotone) {
  LshParams p{16, 8};
  double last = 0;
  for (int i = 1; i <= 100; ++i) {
    double now = CollisionProbability(i / 100.0, p);
    EXPECT_GE(now, last);
    last = now;
  }
}

// The false-positive area of a banding below threshold t, by brute force.
double FalsePositiveArea(double t, const LshParams& p) {
  double sum = 0;
  constexpr int kSteps = 2000;
  for (int i = 0; i < kSteps; ++i) sum += CollisionProbability(t * (i + 0.5) / kSteps, p);
  return sum * t / kSteps;
}

TEST(LshTest, ChosenParamsAreTheMostSelectiveThatReachTheTarget) {
  for (double t : {0.3, 0.5, 0.7, 0.8, 0.9}) {
    for (int k : {64, 128, 256}) {
      auto p = ChooseLshParams(t, k);
      ASSERT_TRUE(p.ok());
      EXPECT_LE(p->bands * p->rows, k);
      EXPECT_GE(CollisionProbability(t, *p), kLshTargetRecall) << "t=" << t << " k=" << k;
      // No other banding that reaches the target has less false-positive area.
      double chosen = FalsePositiveArea(t, *p);
      for (int rows = 1; rows <= k; ++rows) {
        for (int bands = 1; bands * rows <= k; ++bands) {
          LshParams other{bands, rows};
          if (CollisionProbability(t, other) < kLshTargetRecall) continue;
          EXPECT_GE(FalsePositiveArea(t, other), chosen - 1e-3)
              << "t=" << t << " k=" << k << " " << bands << "x" << rows;
        }
      }
    }
  }
}

TEST(LshTest, HigherThresholdsUseMoreRows) {
  auto low = ChooseLshParams(0.5, 128);
  auto high = ChooseLshParams(0.9, 128);
  ASSERT_TRUE(low.ok() && high.ok());
  EXPECT_LT(low->rows, high->rows);
}

TEST(LshTest, RejectsInvalidThresholds) {
  EXPECT_FALSE(ChooseLshParams(0.0, 128).ok());
  EXPECT_FALSE(ChooseLshParams(1.5, 128).ok());
  EXPECT_FALSE(ChooseLshParams(0.5, 0).ok());
}

TEST(LshTest, BandKeysAgreeExactlyWhenBandsAgree) {
  std::vector<uint32_t> a(20);
  for (uint32_t i = 0; i < 20; ++i) a[i] = i * 7;
  std::vector<uint32_t> b = a;
  b[7] = 999;  // band 1 of 4 rows differs
  std::vector<uint64_t> ka;
  std::vector<uint64_t> kb;
  BandKeys(a, LshParams{5, 4}, &ka);
  BandKeys(b, LshParams{5, 4}, &kb);
  ASSERT_EQ(ka.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ka[i] == kb[i], i != 1) << "band " << i;
  // Equal values in different bands still give different keys.
  std::vector<uint32_t> flat(8, 5);
  std::vector<uint64_t> kf;
  BandKeys(flat, LshParams{2, 4}, &kf);
  EXPECT_NE(kf[0], kf[1]);
}

TEST(LshTest, EmpiricalCollisionRateMatchesTheSCurve) {
  // Pairs of sets at Jaccard 0.5, sketched and banded: the share that
  // collide is close to the predicted probability.
  constexpr int kPairs = 400;
  LshParams p{16, 4};
  std::mt19937_64 rng(9);
  int collided = 0;
  std::vector<uint32_t> sa;
  std::vector<uint32_t> sb;
  for (int t = 0; t < kPairs; ++t) {
    auto common = testing::RandomSet(rng, 200);
    auto a = common;
    auto b = common;
    auto ea = testing::RandomSet(rng, 100);
    auto eb = testing::RandomSet(rng, 100);
    a.insert(a.end(), ea.begin(), ea.end());
    b.insert(b.end(), eb.begin(), eb.end());
    OnePermutationMinHash(a, 64, static_cast<uint64_t>(t), &sa);
    OnePermutationMinHash(b, 64, static_cast<uint64_t>(t), &sb);
    std::vector<uint64_t> ka;
    std::vector<uint64_t> kb;
    BandKeys(sa, p, &ka);
    BandKeys(sb, p, &kb);
    bool hit = false;
    for (int i = 0; i < p.bands; ++i) hit = hit || ka[i] == kb[i];
    collided += hit;
  }
  double expected = CollisionProbability(0.5, p);  // about 0.65
  double sd = std::sqrt(expected * (1 - expected) / kPairs);
  EXPECT_NEAR(static_cast<double>(collided) / kPairs, expected, 5 * sd);
}

}  // namespace
}  // namespace doppel
