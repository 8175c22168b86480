#include "doppel/lsh.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "doppel/hash.h"

namespace doppel {
namespace {

// Integral of CollisionProbability over [lo, hi] by the midpoint rule.
double Area(double lo, double hi, const LshParams& p) {
  constexpr int kSteps = 200;
  double step = (hi - lo) / kSteps;
  double sum = 0;
  for (int i = 0; i < kSteps; ++i) sum += CollisionProbability(lo + (i + 0.5) * step, p);
  return sum * step;
}

}  // namespace

double CollisionProbability(double s, const LshParams& params) {
  return 1.0 - std::pow(1.0 - std::pow(s, params.rows), params.bands);
}

Result<LshParams> ChooseLshParams(double threshold, int num_hashes) {
  if (!(threshold > 0.0 && threshold <= 1.0)) {
    return Status::InvalidArgument("LSH threshold must be in (0, 1], got " +
                                   std::to_string(threshold));
  }
  if (num_hashes < 1) {
    return Status::InvalidArgument("number of hashes must be at least 1");
  }
  // For a given number of rows, more bands raise both the probability at
  // the threshold and the false-positive area, so the best choice per row
  // count is the fewest bands that reach the target.
  LshParams best;
  double best_fp = 0;
  LshParams fallback;
  double fallback_p = -1;
  const double per_band_miss = std::log(1.0 - kLshTargetRecall);
  for (int rows = 1; rows <= num_hashes; ++rows) {
    LshParams widest{num_hashes / rows, rows};
    double at_threshold = CollisionProbability(threshold, widest);
    if (at_threshold > fallback_p) {
      fallback_p = at_threshold;
      fallback = widest;
    }
    if (at_threshold < kLshTargetRecall) continue;
    double band_hit = std::pow(threshold, rows);
    int bands =
        band_hit >= 1.0 ? 1 : static_cast<int>(std::ceil(per_band_miss / std::log1p(-band_hit)));
    bands = std::clamp(bands, 1, widest.bands);
    while (bands > 1 &&
           CollisionProbability(threshold, LshParams{bands - 1, rows}) >= kLshTargetRecall) {
      --bands;  // guard against rounding in the closed form
    }
    while (CollisionProbability(threshold, LshParams{bands, rows}) < kLshTargetRecall) ++bands;
    LshParams p{bands, rows};
    double fp = Area(0.0, threshold, p);
    if (best.bands == 0 || fp < best_fp) {
      best = p;
      best_fp = fp;
    }
  }
  return best.bands != 0 ? best : fallback;
}

void BandKeys(std::span<const uint32_t> signature, const LshParams& params,
              std::vector<uint64_t>* keys) {
  for (int b = 0; b < params.bands; ++b) {
    std::span<const uint32_t> band =
        signature.subspan(static_cast<size_t>(b) * params.rows, params.rows);
    std::string_view bytes(reinterpret_cast<const char*>(band.data()), band.size_bytes());
    keys->push_back(HashBytes(bytes, static_cast<uint64_t>(b) + 1));
  }
}

}  // namespace doppel
