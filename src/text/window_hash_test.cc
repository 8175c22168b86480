#include "text/window_hash.h"

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <vector>

#include "util/cpu_features.h"

namespace doppel::text {
namespace {

TEST(WindowHashTest, KeepsItsValues) {
  // Computed independently from the definition (polynomial, then SplitMix64's
  // finaliser): these values are part of doppel's output.
  const uint64_t ascending[] = {1, 2, 3, 4, 5};
  const uint64_t descending[] = {5, 4, 3, 2, 1};
  const uint64_t ones[] = {~uint64_t{0}};
  EXPECT_EQ(WindowHash(ascending, 5), 0xfd9ef9878f086cacULL);
  EXPECT_EQ(WindowHash(descending, 5), 0x77593f8e4af8a4a2ULL);
  EXPECT_EQ(WindowHash(ones, 1), 0x86d6548b53740459ULL);
}

TEST(WindowHashTest, EveryPathGivesThePortableValues) {
  std::mt19937_64 rng(3);
  std::vector<uint64_t> units(80);
  for (uint64_t& u : units) u = rng();
  std::vector<uint64_t> expected(units.size());
  std::vector<uint64_t> got(units.size());
  for (int size = 1; size <= 9; ++size) {
    for (size_t count = 0; count + size <= units.size(); count += 7) {
      WindowHashesPortable(units.data(), count, size, expected.data());
      for (size_t i = 0; i < count; ++i) ASSERT_EQ(expected[i], WindowHash(&units[i], size));
      WindowHashes(units.data(), count, size, got.data());
      for (size_t i = 0; i < count; ++i) ASSERT_EQ(got[i], expected[i]) << size << " " << i;
      if (util::CpuHasAvx2()) {
        WindowHashesAvx2(units.data(), count, size, got.data());
        for (size_t i = 0; i < count; ++i) ASSERT_EQ(got[i], expected[i]) << size << " " << i;
      }
      if (util::CpuHasAvx512()) {
        WindowHashesAvx512(units.data(), count, size, got.data());
        for (size_t i = 0; i < count; ++i) ASSERT_EQ(got[i], expected[i]) << size << " " << i;
      }
    }
  }
  std::cout << "window hashes on this CPU: " << WindowHashPath() << "\n";
}

}  // namespace
}  // namespace doppel::text
