#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "doppel/cluster.h"
#include "util/equal_runs.h"

namespace doppel {

PairRelation Relate(const ScoredPair& p, const ClusterThresholds& t) {
  bool a_in_b = p.a_in_b() >= t.containment;
  bool b_in_a = p.b_in_a() >= t.containment;
  if (p.jaccard() >= t.jaccard || (a_in_b && b_in_a)) return PairRelation::kNear;
  if (a_in_b) return PairRelation::kAInB;
  if (b_in_a) return PairRelation::kBInA;
  return PairRelation::kNone;
}

namespace {

bool MergesOutright(const ScoredPair& p, PairRelation rel, const ClusterThresholds& t);

}  // namespace

bool CanLink(const ScoredPair& p, const ClusterThresholds& t) {
  PairRelation rel = Relate(p, t);
  if (rel == PairRelation::kNone) return false;
  return MergesOutright(p, rel, t) || p.shared >= t.min_contained_shingles;
}

uint64_t FewestSharedToLink(uint64_t na, uint64_t nb, const ClusterThresholds& t) {
  // CanLink's ways to link, with the least |A ∩ B| each needs (small: the
  // smaller document, large: the larger; the inner document of a
  // containment is best the small one):
  const auto small = static_cast<double>(std::min(na, nb));
  const auto large = static_cast<double>(std::max(na, nb));
  const double near = t.jaccard * (small + large) / (1.0 + t.jaccard);  // Jaccard
  const double both_inside = t.containment * large;
  // contained, and a large share of its container (or contained the other
  // way round)
  const double outright = std::min(std::max(t.containment * small, t.container_share * large),
                                   std::max(t.containment * large, t.container_share * small));
  // contained, sharing min_contained_shingles
  const double enough =
      std::max(t.containment * small, static_cast<double>(t.min_contained_shingles));
  const double least = std::min({near, both_inside, outright, enough});
  const double bound = std::floor(least) - 1.0;  // rounding never puts it too high
  return bound > 0.0 ? static_cast<uint64_t>(bound) : 0;
}

namespace {

// True for pairs that merge outright: near-duplicates, and a contained
// document that is also a large share of its container.
bool MergesOutright(const ScoredPair& p, PairRelation rel, const ClusterThresholds& t) {
  switch (rel) {
    case PairRelation::kNear:
      return true;
    case PairRelation::kAInB:
      return p.b_in_a() >= t.container_share;
    case PairRelation::kBInA:
      return p.a_in_b() >= t.container_share;
    case PairRelation::kNone:
      break;
  }
  return false;
}

}  // namespace

Clustering ClusterDocuments(size_t n, std::span<const ScoredPair> pairs,
                            const ClusterThresholds& thresholds, std::span<const uint32_t> lengths,
                            std::span<const uint8_t> eligible, KeepPolicy policy,
                            const ContainmentFn& containment_in) {
  UnionFind sets(n);
  for (const ScoredPair& p : pairs) {
    if (MergesOutright(p, Relate(p, thresholds), thresholds)) sets.Union(p.a, p.b);
  }
  std::vector<uint32_t> core(n);
  for (uint32_t i = 0; i < n; ++i) core[i] = sets.Find(i);
  std::vector<uint32_t> kept = ChooseRepresentatives(core, lengths, eligible, policy);

  // Weak containment edges, grouped by the core of their inner document.
  struct Weak {
    uint32_t from;  // core of the inner document
    double score;   // containment of inner in outer
    uint32_t outer;
    uint32_t inner;
  };
  std::vector<Weak> weak;
  for (const ScoredPair& p : pairs) {
    PairRelation rel = Relate(p, thresholds);
    if (!CanLink(p, thresholds) || MergesOutright(p, rel, thresholds)) continue;
    uint32_t inner = rel == PairRelation::kAInB ? p.a : p.b;
    uint32_t outer = rel == PairRelation::kAInB ? p.b : p.a;
    if (core[inner] == core[outer]) continue;
    weak.push_back(
        {core[inner], rel == PairRelation::kAInB ? p.a_in_b() : p.b_in_a(), outer, inner});
  }
  std::sort(weak.begin(), weak.end(), [](const Weak& x, const Weak& y) {
    if (x.from != y.from) return x.from < y.from;
    if (x.score != y.score) return x.score > y.score;
    return x.outer != y.outer ? x.outer < y.outer : x.inner < y.inner;
  });
  // Each core joins the first container (in that order) whose kept member
  // holds the inner document too; attachments that would close a cycle are
  // dropped, so following them always ends.
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> attach(n, kNone);
  util::ForEachEqualRun(
      std::span<const Weak>(weak), [](const Weak& x, const Weak& y) { return x.from == y.from; },
      [&](std::span<const Weak> containers) {
        for (const Weak& w : containers) {
          if (sets.Find(w.from) == sets.Find(w.outer)) continue;
          if (containment_in(w.inner, kept[w.outer]) < thresholds.containment) continue;
          attach[w.from] = core[w.outer];
          sets.Union(w.from, w.outer);
          break;
        }
      });
  // A core's final kept member is the one at the end of its attachment chain.
  std::vector<uint32_t> final_kept(n, kNone);
  std::vector<uint32_t> chain;
  for (uint32_t c = 0; c < n; ++c) {
    if (core[c] != c || final_kept[c] != kNone) continue;
    chain.clear();
    uint32_t at = c;
    while (attach[at] != kNone && final_kept[at] == kNone) {
      chain.push_back(at);
      at = attach[at];
    }
    uint32_t end_kept = final_kept[at] != kNone ? final_kept[at] : kept[at];
    final_kept[at] = end_kept;
    for (uint32_t x : chain) final_kept[x] = end_kept;
  }
  // The results are written over arrays done with (kept, then core), so
  // that no two more arrays of n are held at the end.
  std::vector<uint32_t>().swap(attach);
  Clustering out;
  out.representatives = std::move(kept);
  for (uint32_t i = 0; i < n; ++i) out.representatives[i] = eligible[i] ? final_kept[core[i]] : i;
  std::vector<uint32_t>().swap(final_kept);
  out.roots = std::move(core);
  for (uint32_t i = 0; i < n; ++i) out.roots[i] = sets.Find(i);
  return out;
}

bool ParseKeepPolicy(std::string_view name, KeepPolicy* policy) {
  if (name == "longest") {
    *policy = KeepPolicy::kLongest;
  } else if (name == "first") {
    *policy = KeepPolicy::kFirst;
  } else {
    return false;
  }
  return true;
}

std::string_view KeepPolicyName(KeepPolicy policy) {
  return policy == KeepPolicy::kLongest ? "longest" : "first";
}

std::vector<uint32_t> ChooseRepresentatives(std::span<const uint32_t> roots,
                                            std::span<const uint32_t> lengths,
                                            std::span<const uint8_t> eligible, KeepPolicy policy) {
  const size_t n = roots.size();
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> best(n, kNone);  // by root
  for (uint32_t i = 0; i < n; ++i) {
    if (!eligible[i]) continue;
    uint32_t& b = best[roots[i]];
    // Documents come in input order, so a tie keeps the earlier one.
    if (b == kNone || (policy == KeepPolicy::kLongest && lengths[i] > lengths[b])) b = i;
  }
  std::vector<uint32_t> rep(n);
  for (uint32_t i = 0; i < n; ++i) rep[i] = eligible[i] ? best[roots[i]] : i;
  return rep;
}

}  // namespace doppel
