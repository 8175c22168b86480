#include "index/anchor_count.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace doppel::index {
namespace {

constexpr uint64_t kNoCap = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kMostTable = 1024;
constexpr uint64_t kPrefetchRanges = 4;
constexpr uint64_t kPrefetchDocs = 64;  // of a range fetched ahead: four cache lines
constexpr size_t kPrefetchTests = 16;
constexpr size_t kBlockDocs = 1024;
constexpr int kOctaves = 15;  // of a brief's codes (see AnchorCode)
constexpr int kMantissaBits = 4;

// Starts fetching the cache lines of docs[from, min(to, from + kPrefetchDocs)).
void PrefetchDocs(std::span<const uint32_t> docs, uint64_t from, uint64_t to) {
  constexpr uintptr_t kLine = 64;
  const auto first = reinterpret_cast<uintptr_t>(docs.data() + from) & ~(kLine - 1);
  const auto end = reinterpret_cast<uintptr_t>(docs.data() + std::min(to, from + kPrefetchDocs));
  for (uintptr_t line = first; line < end; line += kLine) {
    __builtin_prefetch(reinterpret_cast<const void*>(line));
  }
}

// The largest m with shared / m >= min_estimate, as doubles divide (the
// quotient falls as m grows, so the m that pass are 1..the result); 0 when
// none does.
uint64_t MostComparable(uint64_t shared, double min_estimate) {
  const auto passes = [&](uint64_t m) {
    return static_cast<double>(shared) / static_cast<double>(m) >= min_estimate;
  };
  if (shared == 0 || !passes(1)) return 0;
  const double guess = std::floor(static_cast<double>(shared) / min_estimate);
  if (!(guess < 1e18)) return kNoCap;  // min_estimate at or near 0: every m
  uint64_t m = guess >= 1.0 ? static_cast<uint64_t>(guess) : 1;
  while (m > 1 && !passes(m)) --m;
  while (passes(m + 1)) ++m;
  return m;
}

}  // namespace

PairTest::PairTest(const AnchorLists& lists, const AnchorOptions& options,
                   std::span<const uint64_t> ignored)
    : lists_(lists), options_(options), ignored_(ignored) {
  most_for_.resize(kMostTable);
  for (uint64_t shared = 0; shared < kMostTable; ++shared) {
    most_for_[shared] = MostComparable(shared, options.min_estimate);
  }
  // Anchors lie at or below kNoCap / sampling: the codes' octaves end there.
  const uint64_t largest_anchor = kNoCap / static_cast<uint64_t>(std::max(options.sampling, 1));
  lowest_octave_bits_ = static_cast<int>(std::bit_width(largest_anchor)) - kOctaves;
  const size_t n = lists_.size();
  briefs_.resize(n);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, kBlockDocs), [&](const auto& range) {
    std::vector<uint64_t> buffer;
    std::vector<uint64_t> counted;
    const std::span<const uint64_t> all = lists_.OfRange(range.begin(), range.end(), &buffer);
    const uint64_t base = lists_.Offset(range.begin());
    for (size_t d = range.begin(); d < range.end(); ++d) {
      std::span<const uint64_t> anchors = all.subspan(lists_.Offset(d) - base, lists_.Count(d));
      const uint64_t cap = IsCapped(anchors.size()) ? anchors.back() : kNoCap;
      if (!ignored_.empty()) {
        counted.clear();
        for (uint64_t a : anchors) {
          if (!Ignored(a)) counted.push_back(a);
        }
        anchors = counted;
      }
      Brief& brief = briefs_[d];
      brief.counted = static_cast<uint8_t>(std::min<uint64_t>(anchors.size(), kManyCounted));
      brief.cap = Code(cap);
      for (size_t slot = 0; slot < kBriefSlots; ++slot) {
        const uint64_t position = MostFor(min_shared() + slot);
        if (position < anchors.size()) brief.at[slot] = Code(anchors[position]);
      }
    }
  });
}

uint64_t PairTest::MostFor(uint64_t shared) const {
  return shared < kMostTable ? most_for_[shared] : MostComparable(shared, options_.min_estimate);
}

uint8_t AnchorCode(uint64_t value, int lowest_octave_bits) {
  constexpr uint64_t kUncapped = std::numeric_limits<uint8_t>::max();
  if (value == kNoCap) return kUncapped;
  const int width = std::bit_width(value);
  const int octave = std::max(width - lowest_octave_bits, 0);
  // Octave 0 by the top four of its lowest_octave_bits bits, the others by
  // the four bits after the leading one.
  const int low_bit = (octave == 0 ? lowest_octave_bits : width - 1) - kMantissaBits;
  const uint64_t mantissa =
      (low_bit >= 0 ? value >> low_bit : value << -low_bit) & ((1u << kMantissaBits) - 1);
  return static_cast<uint8_t>(
      std::min<uint64_t>(static_cast<uint64_t>(octave) << kMantissaBits | mantissa, kUncapped - 1));
}

bool PairTest::ManyCountedAtMost(uint32_t d, uint64_t most) const {
  if (most < kManyCounted) return false;
  thread_local std::vector<uint64_t> buffer;
  uint64_t all = 0;
  for (uint64_t a : lists_.Of(d, &buffer)) {
    all += !Ignored(a);
  }
  return all <= most;
}

bool PairTest::IsCapped(uint64_t anchors) const {
  return options_.max_anchors != 0 && anchors >= static_cast<uint64_t>(options_.max_anchors);
}

uint64_t PairTest::CapOf(uint32_t d) const {
  if (!IsCapped(lists_.Count(d))) return kNoCap;
  thread_local std::vector<uint64_t> buffer;
  return lists_.Of(d, &buffer).back();
}

uint64_t PairTest::CountedAt(uint32_t d, uint64_t position) const {
  thread_local std::vector<uint64_t> buffer;
  const std::span<const uint64_t> anchors = lists_.Of(d, &buffer);
  if (ignored_.empty()) return anchors[position];
  for (uint64_t a : anchors) {
    if (Ignored(a)) continue;
    if (position == 0) return a;
    --position;
  }
  return kNoCap;  // unreachable: the caller knows d has more counted anchors
}

bool PairTest::AboveCapOf(uint32_t d, uint32_t other, uint64_t shared, uint64_t most) const {
  const uint64_t slot = shared - min_shared();
  if (slot < kBriefSlots) {
    const uint8_t at = briefs_[d].at[slot];
    const uint8_t cap = briefs_[other].cap;
    if (at != cap) return at > cap;
  }
  return CountedAt(d, most) > CapOf(other);
}

bool PairTest::Passes(uint32_t x, uint32_t y, uint64_t shared) const {
  if (shared < min_shared()) return false;
  const uint64_t most = MostFor(shared);
  if (CountedAtMost(x, most) || CountedAtMost(y, most)) return true;
  return AboveCapOf(x, y, shared, most) || AboveCapOf(y, x, shared, most);
}

uint64_t CountSharedAnchors(const SharedRanges& shared, const PairTest& test, size_t n,
                            SharedCountScratch* scratch, std::vector<DocPair>* pairs) {
  const size_t docs = shared.start.size() - 1;
  const uint64_t min_shared = test.min_shared();
  const size_t blocks = (docs + kBlockDocs - 1) / kBlockDocs;
  std::vector<std::vector<DocPair>> found(blocks);
  std::vector<uint64_t> examined(blocks, 0);
  // Counts x's shared anchors with each document after it, in a dense array
  // cleared through the list of documents touched. A count never exceeds
  // x's shared anchors, so most documents count in bytes: the array is a
  // quarter the size and stays in cache.
  using Scratch = SharedCountScratch::PerThread;
  auto count_for = [&]<typename Count>(size_t i, std::vector<Count>& count, Scratch& local,
                                       std::vector<DocPair>* out) -> uint64_t {
    std::vector<uint32_t>& touched = local.touched;
    if (count.size() < n) count.assign(n, 0);
    const uint64_t first = shared.start[i];
    const uint64_t last = shared.start[i + 1];
    uint64_t visits = 0;
    for (uint64_t s = first; s < last; ++s)
      visits += shared.ranges[s].second - shared.ranges[s].first;
    touched.resize(visits + 1);
    // The arrays' data by local pointers: a store through the byte counts
    // may alias anything in memory, so the vectors' own pointers would be
    // loaded again at every visit.
    uint32_t* const touched_at = touched.data();
    Count* const counts = count.data();
    size_t num_touched = 0;  // branch-free: every visit writes, a first visit keeps it
    for (uint64_t s = first; s < last; ++s) {
      const auto [from, to] = shared.ranges[s];
      std::span<const uint32_t> after;  // the documents after x in this run
      if (shared.docs_file != nullptr) {
        after = shared.docs_file->Read(from, to - from, &local.buffer);
      } else {
        if (s + kPrefetchRanges < last) {  // runs lie far apart: fetch ahead, each line
          PrefetchDocs(shared.docs, shared.ranges[s + kPrefetchRanges].first,
                       shared.ranges[s + kPrefetchRanges].second);
        }
        after = shared.docs.subspan(from, to - from);
      }
      for (const uint32_t y : after) {
        touched_at[num_touched] = y;
        num_touched += counts[y]++ == 0;
      }
    }
    const auto x = static_cast<uint32_t>(shared.first_doc + i);
    const size_t first_found = out->size();
    // The documents sharing enough to be tested, moved to the front of
    // `touched` (their counts beside them), then tested with their briefs
    // fetched a few tests ahead: each is a cache miss of its own.
    std::vector<uint32_t>& tested_counts = local.tested_counts;
    tested_counts.resize(num_touched);
    uint32_t* const tested_count_at = tested_counts.data();
    size_t num_tested = 0;
    for (size_t t = 0; t < num_touched; ++t) {
      const uint32_t y = touched_at[t];
      const uint32_t shared_count = counts[y];
      counts[y] = 0;
      touched_at[num_tested] = y;
      tested_count_at[num_tested] = shared_count;
      num_tested += shared_count >= min_shared;
    }
    for (size_t t = 0; t < std::min(num_tested, kPrefetchTests); ++t) test.Prefetch(touched_at[t]);
    for (size_t t = 0; t < num_tested; ++t) {
      if (t + kPrefetchTests < num_tested) test.Prefetch(touched_at[t + kPrefetchTests]);
      const uint32_t y = touched_at[t];
      if (test.Passes(x, y, tested_count_at[t])) out->emplace_back(x, y);
    }
    // `touched` is in arrival order
    std::sort(out->begin() + static_cast<ptrdiff_t>(first_found), out->end());
    return num_touched;
  };
  tbb::parallel_for(size_t{0}, blocks, [&](size_t block) {
    Scratch& local = scratch->threads.local();
    for (size_t i = block * kBlockDocs; i < std::min(docs, (block + 1) * kBlockDocs); ++i) {
      examined[block] +=
          shared.start[i + 1] - shared.start[i] <= std::numeric_limits<uint8_t>::max()
              ? count_for(i, local.small_counts, local, &found[block])
              : count_for(i, local.counts, local, &found[block]);
    }
  });
  uint64_t total_examined = 0;
  size_t total_found = 0;
  for (const std::vector<DocPair>& f : found) total_found += f.size();
  pairs->reserve(pairs->size() + total_found);  // once: growing by doubling holds 3x at a copy
  for (size_t block = 0; block < blocks; ++block) {
    total_examined += examined[block];
    pairs->insert(pairs->end(), found[block].begin(), found[block].end());
    std::vector<DocPair>().swap(found[block]);
  }
  return total_examined;
}

}  // namespace doppel::index
