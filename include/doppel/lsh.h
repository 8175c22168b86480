// Locality-sensitive hashing by banding MinHash signatures: two documents
// become a candidate pair when all `rows` slots of at least one of `bands`
// bands agree. With Jaccard similarity s this happens with probability
// 1 - (1 - s^rows)^bands, an S-shaped curve in s.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "doppel/status.h"

namespace doppel {

struct LshParams {
  int bands = 0;
  int rows = 0;
};

// Probability that two documents of Jaccard similarity s share a band.
double CollisionProbability(double s, const LshParams& params);

// The target of ChooseLshParams: the chance that a pair at the threshold
// becomes a candidate.
inline constexpr double kLshTargetRecall = 0.99;

// Chooses bands x rows (bands * rows <= num_hashes) for a Jaccard threshold:
// among the choices whose collision probability at the threshold is at least
// kLshTargetRecall, the one with the least false-positive area (the integral
// of the collision probability below the threshold); when none reaches the
// target, the one with the highest probability at the threshold.
// Errors: threshold outside (0, 1], num_hashes < 1.
Result<LshParams> ChooseLshParams(double threshold, int num_hashes);

// Appends one 64-bit key per band of `signature` to *keys. Keys of different
// bands differ even for equal slot values. Requires bands * rows <= size.
void BandKeys(std::span<const uint32_t> signature, const LshParams& params,
              std::vector<uint64_t>* keys);

}  // namespace doppel
