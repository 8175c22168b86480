// Each document's shingle set, spilled to a temporary file so that exact
// verification never needs document text in memory.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "io/spill_file.h"

namespace doppel::pipeline {

// Sets are stored as sorted, unique 32-bit values: the top half of each
// 64-bit shingle hash, set after set. Two different shingles of a pair of
// documents agree on 32 bits with probability about |A|·|B| / 2^32 (1e-4
// for two 1,000-shingle pages), which moves a score by one shingle at most.
using ShingleStore = io::SpillFile<uint32_t>;

// The stored form of a document's 64-bit shingle hashes (in any order,
// repeats allowed): the sorted, unique top halves.
void ToStoredSet(std::span<const uint64_t> shingles, std::vector<uint32_t>* out);

// Sorts values whose bits above the low `bits` (a multiple of 8) are all
// equal: a least-significant-digit radix sort, one pass per byte, using
// *scratch as a second buffer.
void RadixSort(std::vector<uint32_t>* values, int bits, std::vector<uint32_t>* scratch);

// |A ∩ B| of two sorted, unique sets.
uint64_t IntersectionSize(std::span<const uint32_t> a, std::span<const uint32_t> b);

// |A ∩ B| when it is at least `need`; otherwise some value below `need`
// (found sooner: the merge stops once `need` is out of reach).
uint64_t IntersectionSizeIfAtLeast(std::span<const uint32_t> a, std::span<const uint32_t> b,
                                   uint64_t need);

}  // namespace doppel::pipeline
