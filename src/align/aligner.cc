#include <algorithm>
#include <unordered_map>

#include "doppel/align.h"
#include "doppel/hash.h"

namespace doppel {
namespace {

// A run of identical words: a[i, i + length) == b[j, j + length).
struct Run {
  uint32_t i;
  uint32_t j;
  uint32_t length;
};

uint64_t SeedHash(std::span<const uint64_t> h, size_t at, int n) {
  uint64_t s = 0;
  for (int k = 0; k < n; ++k) s = Mix64(s ^ h[at + static_cast<size_t>(k)]);
  return s;
}

// Maximal runs of identical words that start from shared seeds.
std::vector<Run> FindRuns(std::span<const uint64_t> ha, std::span<const uint64_t> hb,
                          const AlignOptions& o) {
  const auto n = static_cast<size_t>(o.seed_words);
  std::vector<Run> runs;
  if (ha.size() < n || hb.size() < n) return runs;
  // b's seeds, sorted by hash: equal hashes are adjacent.
  std::vector<std::pair<uint64_t, uint32_t>> where;
  where.reserve(hb.size());
  for (size_t j = 0; j + n <= hb.size(); ++j) {
    where.emplace_back(SeedHash(hb, j, o.seed_words), static_cast<uint32_t>(j));
  }
  std::sort(where.begin(), where.end());
  // covered[d] = end of the last run found on diagonal d (i - j), so a run
  // is reported once, from its first seed.
  std::unordered_map<int64_t, uint32_t> covered;
  for (size_t i = 0; i + n <= ha.size(); ++i) {
    const uint64_t seed = SeedHash(ha, i, o.seed_words);
    auto lo = std::lower_bound(where.begin(), where.end(), std::make_pair(seed, uint32_t{0}));
    auto hi = lo;
    while (hi != where.end() && hi->first == seed) ++hi;
    if (lo == hi || hi - lo > o.max_seed_repeats) continue;
    for (auto it = lo; it != hi; ++it) {
      const uint32_t j = it->second;
      int64_t diag = static_cast<int64_t>(i) - j;
      auto c = covered.find(diag);
      if (c != covered.end() && c->second > i) continue;
      size_t len = 0;
      while (i + len < ha.size() && j + len < hb.size() && ha[i + len] == hb[j + len]) ++len;
      if (len < n) continue;  // a hash collision
      runs.push_back({static_cast<uint32_t>(i), j, static_cast<uint32_t>(len)});
      covered[diag] = static_cast<uint32_t>(i + len);
    }
  }
  return runs;
}

// True when `next` can follow `prev` in one passage: it starts after prev
// ends, in both documents, with at most max_gap words between.
bool Follows(const Run& prev, const Run& next, int max_gap) {
  int64_t gap_a = static_cast<int64_t>(next.i) - (prev.i + prev.length);
  int64_t gap_b = static_cast<int64_t>(next.j) - (prev.j + prev.length);
  return gap_a >= 0 && gap_b >= 0 && gap_a <= max_gap && gap_b <= max_gap;
}

}  // namespace

namespace {

// True when a[i, i + n) == b[j, j + n), all in range.
bool SameRun(std::span<const uint64_t> a, std::span<const uint64_t> b, int64_t i, int64_t j,
             int64_t n) {
  if (i < 0 || j < 0 || i + n > static_cast<int64_t>(a.size()) ||
      j + n > static_cast<int64_t>(b.size())) {
    return false;
  }
  for (int64_t k = 0; k < n; ++k) {
    if (a[static_cast<size_t>(i + k)] != b[static_cast<size_t>(j + k)]) return false;
  }
  return true;
}

// Extends from (i, j) in direction `step` (+1 or -1); returns how far it got
// in each document and the number of words matched.
struct Reach {
  int64_t a;
  int64_t b;
  uint32_t matched;
};
Reach Extend(std::span<const uint64_t> a, std::span<const uint64_t> b, int64_t i, int64_t j,
             int step, const AlignOptions& o) {
  Reach r{i, j, 0};  // the last matched positions
  const int64_t n = o.seed_words;
  for (;;) {
    int64_t x = r.a + step;
    int64_t y = r.b + step;
    while (x >= 0 && y >= 0 && x < static_cast<int64_t>(a.size()) &&
           y < static_cast<int64_t>(b.size()) &&
           a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) {
      r.a = x;
      r.b = y;
      ++r.matched;
      x += step;
      y += step;
    }
    // A difference: resynchronise on the nearest run of n identical words.
    bool found = false;
    for (int64_t total = 1; total <= 2 * o.max_gap && !found; ++total) {
      for (int64_t da = std::max<int64_t>(0, total - o.max_gap);
           da <= std::min<int64_t>(total, o.max_gap); ++da) {
        int64_t db = total - da;
        int64_t sa = r.a + step * (1 + da);
        int64_t sb = r.b + step * (1 + db);
        int64_t start_a = step > 0 ? sa : sa - n + 1;
        int64_t start_b = step > 0 ? sb : sb - n + 1;
        if (SameRun(a, b, start_a, start_b, n)) {
          r.a = sa;
          r.b = sb;
          ++r.matched;
          found = true;
          break;
        }
      }
    }
    if (!found) return r;
  }
}

}  // namespace

AlignedPassage ExtendSeed(std::span<const uint64_t> a, std::span<const uint64_t> b, uint32_t i,
                          uint32_t j, const AlignOptions& o) {
  Reach back = Extend(a, b, i, j, -1, o);
  Reach forward = Extend(a, b, i, j, +1, o);
  AlignedPassage p;
  p.a_first_token = static_cast<uint32_t>(back.a);
  p.b_first_token = static_cast<uint32_t>(back.b);
  p.a_tokens = static_cast<uint32_t>(forward.a - back.a + 1);
  p.b_tokens = static_cast<uint32_t>(forward.b - back.b + 1);
  double matched = 1 + back.matched + forward.matched;
  p.similarity = std::min(1.0, 2 * matched / static_cast<double>(p.a_tokens + p.b_tokens));
  return p;
}

std::vector<uint64_t> TokenHashes(const NormalizedText& t) {
  std::vector<uint64_t> h;
  h.reserve(t.tokens.size());
  for (const Token& tok : t.tokens) h.push_back(HashBytes(t.TokenText(tok), 0x616c69676eULL));
  return h;
}

std::vector<AlignedPassage> AlignDocuments(const NormalizedText& a, const NormalizedText& b,
                                           const AlignOptions& o) {
  std::vector<AlignedPassage> out = AlignTokens(TokenHashes(a), TokenHashes(b), o);
  for (AlignedPassage& p : out) {
    p.a_start = a.tokens[p.a_first_token].orig_begin;
    p.a_end = a.tokens[p.a_first_token + p.a_tokens - 1].orig_end;
    p.b_start = b.tokens[p.b_first_token].orig_begin;
    p.b_end = b.tokens[p.b_first_token + p.b_tokens - 1].orig_end;
  }
  return out;
}

std::vector<AlignedPassage> AlignTokens(std::span<const uint64_t> ha, std::span<const uint64_t> hb,
                                        const AlignOptions& o) {
  std::vector<Run> runs = FindRuns(ha, hb, o);
  std::sort(runs.begin(), runs.end(),
            [](const Run& x, const Run& y) { return x.i != y.i ? x.i < y.i : x.j < y.j; });
  std::vector<bool> used(runs.size(), false);
  std::vector<AlignedPassage> out;
  // Repeatedly take the chain with the most matched words among unused
  // runs; runs overlapping a taken passage in either document are dropped.
  std::vector<uint32_t> best(runs.size());
  std::vector<int64_t> prev(runs.size());
  for (;;) {
    int64_t top = -1;
    for (size_t r = 0; r < runs.size(); ++r) {
      prev[r] = -1;
      if (used[r]) continue;
      best[r] = runs[r].length;
      for (size_t q = r; q-- > 0;) {
        if (runs[r].i - runs[q].i > static_cast<uint32_t>(o.max_gap) + runs[q].length + 64) break;
        if (used[q] || !Follows(runs[q], runs[r], o.max_gap)) continue;
        if (best[q] + runs[r].length > best[r]) {
          best[r] = best[q] + runs[r].length;
          prev[r] = static_cast<int64_t>(q);
        }
      }
      if (top < 0 || best[r] > best[static_cast<size_t>(top)]) top = static_cast<int64_t>(r);
    }
    if (top < 0) break;
    std::vector<uint32_t> chain;
    for (int64_t r = top; r >= 0; r = prev[static_cast<size_t>(r)])
      chain.push_back(static_cast<uint32_t>(r));
    std::reverse(chain.begin(), chain.end());
    const Run& first = runs[chain.front()];
    const Run& last = runs[chain.back()];
    uint32_t a_begin = first.i;
    uint32_t a_end = last.i + last.length;
    uint32_t b_begin = first.j;
    uint32_t b_end = last.j + last.length;
    for (size_t r = 0; r < runs.size(); ++r) {
      const Run& x = runs[r];
      bool overlaps_a = x.i < a_end && x.i + x.length > a_begin;
      bool overlaps_b = x.j < b_end && x.j + x.length > b_begin;
      if (overlaps_a || overlaps_b) used[r] = true;
    }
    if (static_cast<int>(a_end - a_begin) < o.min_words) continue;
    AlignedPassage p;
    p.a_first_token = a_begin;
    p.a_tokens = a_end - a_begin;
    p.b_first_token = b_begin;
    p.b_tokens = b_end - b_begin;
    double matched = best[static_cast<size_t>(top)];
    p.similarity = 2 * matched / static_cast<double>(p.a_tokens + p.b_tokens);
    out.push_back(p);
  }
  std::sort(out.begin(), out.end(), [](const AlignedPassage& x, const AlignedPassage& y) {
    return x.a_first_token < y.a_first_token;
  });
  return out;
}

}  // namespace doppel
