// Turning verified similar pairs into clusters, and choosing what to keep.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace doppel {

// Disjoint sets over 0..n-1 with path halving. The root of a set is always
// its smallest member, so results never depend on the order of unions.
class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t Find(uint32_t x);
  // Merges the sets of a and b; false when they already were one set.
  bool Union(uint32_t a, uint32_t b);
  size_t size() const { return parent_.size(); }

 private:
  std::vector<uint32_t> parent_;
};

// A verified pair of documents: the sizes of their shingle sets and of
// what they share, from which its exact similarity scores follow. 20 bytes:
// a corpus has about as many of these as documents.
struct ScoredPair {
  uint32_t a = 0;
  uint32_t b = 0;
  uint32_t shared = 0;  // |A ∩ B|
  uint32_t a_size = 0;  // |A|
  uint32_t b_size = 0;  // |B|

  // |A ∩ B| / |A ∪ B|
  double jaccard() const {
    const double inter = shared;
    return inter / (static_cast<double>(a_size) + static_cast<double>(b_size) - inter);
  }
  // |A ∩ B| / |A|: how much of a lies in b
  double a_in_b() const { return static_cast<double>(shared) / static_cast<double>(a_size); }
  // |A ∩ B| / |B|
  double b_in_a() const { return static_cast<double>(shared) / static_cast<double>(b_size); }
};

// The default Jaccard threshold; docs/quality.md says why.
inline constexpr double kDefaultJaccard = 0.5;

struct ClusterThresholds {
  // Pairs at or above this Jaccard similarity are near-duplicates of each other.
  double jaccard = kDefaultJaccard;
  // A document with at least this share of its shingles inside another one
  // is a duplicate of it (contained), whatever their Jaccard similarity.
  double containment = 0.8;
  // When a contained document also makes up at least this share of its
  // container (a story inside a page that is mostly that story), the two
  // merge outright like near-duplicates. A smaller part of its container (a
  // cookie notice inside an article) joins only its single best container.
  double container_share = 0.65;
  // A contained document that is a smaller part of its container must share
  // at least this many shingles with it (about as many words): below that, a
  // sentence or two shared by chance decides, which says little about copying.
  uint32_t min_contained_shingles = 100;
};

enum class PairRelation : uint8_t {
  kNone,  // below both thresholds
  kNear,  // Jaccard (or both containments) at or above threshold
  kAInB,  // a is contained in b, not the other way round
  kBInA,  // b is contained in a, not the other way round
};
PairRelation Relate(const ScoredPair& pair, const ClusterThresholds& thresholds);

// True when the pair can link its documents in ClusterDocuments: related,
// and, when one is a small part of the other, sharing at least
// min_contained_shingles. Only such pairs are duplicate pairs.
bool CanLink(const ScoredPair& pair, const ClusterThresholds& thresholds);

// A bound for pairs of documents with na and nb shingles: sharing fewer
// than this many, they cannot link (CanLink is false), whatever they share.
// At most the least count that can link, rounded down with a margin; above
// min(na, nb) when no count can. Lets verification stop early, or not start.
uint64_t FewestSharedToLink(uint64_t na, uint64_t nb, const ClusterThresholds& thresholds);

enum class KeepPolicy {
  kLongest,  // the member with the most shingles (the most complete text); ties: first
  kFirst,    // the member that comes first in the input
};
bool ParseKeepPolicy(std::string_view name, KeepPolicy* policy);
std::string_view KeepPolicyName(KeepPolicy policy);

// For each document, the representative of its cluster under `policy`.
// `roots` gives each document's cluster root; `lengths` each document's size
// (shingle count); documents with `eligible` false are left out and map to
// themselves.
std::vector<uint32_t> ChooseRepresentatives(std::span<const uint32_t> roots,
                                            std::span<const uint32_t> lengths,
                                            std::span<const uint8_t> eligible, KeepPolicy policy);

struct Clustering {
  std::vector<uint32_t> roots;            // per document: its cluster's smallest member
  std::vector<uint32_t> representatives;  // per document: the member its cluster keeps
};

// The share of document `inner` that lies inside document `outer`.
using ContainmentFn = std::function<double(uint32_t inner, uint32_t outer)>;

// Clusters documents 0..n-1 and chooses what each cluster keeps.
//  1. Near-duplicate pairs, and contained documents that make up most of
//     their container (container_share), merge outright; each of these
//     clusters keeps one member under `policy`.
//  2. Other containment does not chain: a cluster whose member lies inside a
//     document of another cluster joins that one cluster only, the best
//     container (highest containment, then smallest index) whose kept member
//     holds it too (containment_in(member, kept) reaches the threshold), and
//     adopts its kept member. A short page inside many unrelated pages (a
//     cookie notice) thus joins at most one of them, never links them, and is
//     removed only when a kept document holds its text.
// Deterministic: the result depends on the set of pairs, not their order.
Clustering ClusterDocuments(size_t n, std::span<const ScoredPair> pairs,
                            const ClusterThresholds& thresholds, std::span<const uint32_t> lengths,
                            std::span<const uint8_t> eligible, KeepPolicy policy,
                            const ContainmentFn& containment_in);

}  // namespace doppel
