// MinHash signatures: fixed-size sketches whose agreement rate estimates the
// Jaccard similarity of two shingle sets.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace doppel {

// One-permutation hashing with optimal densification (Shrivastava, ICML
// 2017): one hash per shingle splits the shingles into `num_hashes` bins and
// keeps the minimum of each; an empty bin borrows the value of a non-empty
// bin chosen by a hash sequence fixed by (seed, bin), so that two documents
// agree on a slot with probability equal to their Jaccard similarity.
// O(n + num_hashes) per document for n >= num_hashes.
// Writes exactly num_hashes values to *signature (all ~0u for an empty set).
// `num_hashes` is 1 to 65536. Thread-safe.
void OnePermutationMinHash(std::span<const uint64_t> shingles, int num_hashes, uint64_t seed,
                           std::vector<uint32_t>* signature);

// Classic K-permutation MinHash: slot i is the minimum of an independent hash
// function i over the set. O(n * num_hashes); kept as the reference that the
// fast sketch is tested and benchmarked against.
void ClassicMinHash(std::span<const uint64_t> shingles, int num_hashes, uint64_t seed,
                    std::vector<uint32_t>* signature);

// The share of slots on which two signatures of equal length agree.
double EstimateJaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace doppel
