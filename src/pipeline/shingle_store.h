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

// Appends to *out, ascending, each value found more than max_df times in
// *values, whose bits above the low 24 are all equal (a bucket of the
// document-frequency count); *values and *scratch are used up. A value
// can be frequent only when the values sharing its bits 8-23 are more
// than max_df: one pass counts those 65,536 groups (a table that stays in
// the second-level cache), a second keeps the values of the groups that
// are large enough, and only they are sorted and counted (a sixth of the
// values on a corpus with much shared text, where groups of bits 12-23
// kept two fifths).
void FrequentValues(std::vector<uint32_t>* values, uint64_t max_df, std::vector<uint32_t>* scratch,
                    std::vector<uint32_t>* out);

// |A ∩ B| of two sorted, unique sets.
uint64_t IntersectionSize(std::span<const uint32_t> a, std::span<const uint32_t> b);

// |A ∩ B| when it is at least `need`; otherwise some value below `need`
// (found sooner: the merge stops once `need` is out of reach).
uint64_t IntersectionSizeIfAtLeast(std::span<const uint32_t> a, std::span<const uint32_t> b,
                                   uint64_t need);

// A set's values by their low 16 bits, in a 2^16-bit table (8 KB, in
// cache): one look per value of another set bounds their intersection from
// above, without a merge. Every common value is found; a value only looks
// common when its low bits collide (a set of s values fills s / 65,536 of
// the table).
class SetFilter {
 public:
  // Makes the table hold `values`, and nothing else.
  void Assign(std::span<const uint32_t> values);
  // False when |A ∩ other| is certainly below `need` (A the values last
  // assigned): too many of other's values are absent from the table. True
  // says nothing.
  bool MayShareAtLeast(std::span<const uint32_t> other, uint64_t need) const;

 private:
  static constexpr size_t kWords = (size_t{1} << 16) / 64;
  std::vector<uint64_t> words_ = std::vector<uint64_t>(kWords, 0);
};

}  // namespace doppel::pipeline
