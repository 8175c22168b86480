#include "doppel/minhash.h"

#include <algorithm>
#include <cassert>

#include "doppel/hash.h"
#include "sketch/mix_each.h"

namespace doppel {

void OnePermutationMinHash(std::span<const uint64_t> shingles, int num_hashes, uint64_t seed,
                           std::vector<uint32_t>* signature) {
  assert(num_hashes >= 1 && num_hashes <= 65536);
  const auto k = static_cast<uint64_t>(num_hashes);
  // Bins hold 32-bit values in 64-bit slots; kEmpty, above every value,
  // marks an empty bin, so filling one is a plain minimum (no branch to
  // mispredict).
  constexpr uint64_t kEmpty = UINT64_MAX;
  thread_local std::vector<uint64_t> bins;
  bins.assign(k, kEmpty);
  const uint64_t salt = Mix64(seed ^ 0x5bd1e9955bd1e995ULL);
  sketch::ForEachMixedBlock(shingles, salt, [&](std::span<const uint64_t> mixed) {
    for (uint64_t h : mixed) {
      uint64_t bin = ((h >> 32) * k) >> 32;  // top 32 bits pick the bin
      uint64_t value = h & 0xffffffffULL;    // low 32 bits are the value
      bins[bin] = std::min(bins[bin], value);
    }
  });
  signature->resize(k);
  if (shingles.empty()) {
    std::fill(signature->begin(), signature->end(), ~0u);
    return;
  }
  for (uint64_t i = 0; i < k; ++i) {
    uint64_t v = bins[i];
    // Optimal densification: probe bins by a universal hash of (bin, attempt)
    // until one is non-empty, and take its value.
    for (uint64_t attempt = 1; v == kEmpty; ++attempt) {
      uint64_t probe = Mix64(salt + (i << 32) + attempt);
      v = bins[((probe >> 32) * k) >> 32];
    }
    (*signature)[i] = static_cast<uint32_t>(v);
  }
}

void ClassicMinHash(std::span<const uint64_t> shingles, int num_hashes, uint64_t seed,
                    std::vector<uint32_t>* signature) {
  signature->assign(static_cast<size_t>(num_hashes), ~0u);
  for (int i = 0; i < num_hashes; ++i) {
    const uint64_t salt = Mix64(seed + 0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(i + 1));
    uint32_t m = ~0u;
    for (uint64_t s : shingles) m = std::min(m, static_cast<uint32_t>(Mix64(s ^ salt) >> 32));
    (*signature)[static_cast<size_t>(i)] = m;
  }
}

double EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  assert(a.size() == b.size());
  if (a.empty()) return 0.0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

}  // namespace doppel
