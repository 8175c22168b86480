// Micro-benchmarks of doppel's per-document stages, each reporting bytes/s
// (of input text) and items/s (documents). Documents come from doppel's own
// generator, so the benchmark needs nothing outside the repository.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <random>

#include "doppel/candidates.h"
#include "doppel/cluster.h"
#include "doppel/lsh.h"
#include "doppel/minhash.h"
#include "doppel/normalize.h"
#include "doppel/shingle.h"
#include "doppel/synth.h"
#include "index/key_sort.h"
#include "pipeline/shingle_store.h"
#include "text/ascii_words.h"
#include "text/token_hash.h"
#include "text/window_hash.h"
#include "util/cpu_features.h"

namespace doppel {
namespace {

const std::vector<SynthDocument>& Corpus(bool latin_only) {
  static std::vector<SynthDocument> latin = [] {
    SynthOptions o;
    o.documents = 400;
    o.non_latin_rate = 0;
    return GenerateCorpus(o);
  }();
  static std::vector<SynthDocument> mixed = [] {
    SynthOptions o;
    o.documents = 400;
    o.non_latin_rate = 1.0;
    return GenerateCorpus(o);
  }();
  return latin_only ? latin : mixed;
}

int64_t Bytes(const std::vector<SynthDocument>& docs) {
  int64_t n = 0;
  for (const auto& d : docs) n += static_cast<int64_t>(d.text.size());
  return n;
}

void BM_Normalize(benchmark::State& state) {
  const auto& docs = Corpus(state.range(0) == 0);
  Normalizer n{NormalizeOptions{}};
  NormalizedText out;
  for (auto _ : state) {
    for (const auto& d : docs) {
      n.Normalize(d.text, &out);
      benchmark::DoNotOptimize(out.tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * Bytes(docs));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
}
BENCHMARK(BM_Normalize)->Arg(0)->Arg(1)->ArgNames({"non_latin"});

// The ASCII words alone (the fast path of BM_Normalize/non_latin:0), on
// each path the CPU has: 0 portable (a word at a time), 2 AVX-512 with
// VBMI2 (a block of 64 bytes packed at once).
void BM_AsciiWords(benchmark::State& state) {
  const auto& docs = Corpus(true);
  const auto fn =
      state.range(0) == 2 ? text::AppendAsciiWordsAvx512 : text::AppendAsciiWordsPortable;
  if (state.range(0) == 2 && !util::CpuHasAvx512Vbmi2()) {
    state.SkipWithError("no AVX-512 VBMI2 on this CPU");
    return;
  }
  NormalizedText out;
  for (auto _ : state) {
    for (const auto& d : docs) {
      out.Clear();
      fn(d.text, 0, static_cast<uint32_t>(d.text.size()), true, &out);
      benchmark::DoNotOptimize(out.tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * Bytes(docs));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
}
BENCHMARK(BM_AsciiWords)->Arg(0)->Arg(2)->ArgNames({"path"});

std::vector<NormalizedText> Normalized() {
  Normalizer n{NormalizeOptions{}};
  std::vector<NormalizedText> out;
  for (const auto& d : Corpus(true)) {
    out.emplace_back();
    n.Normalize(d.text, &out.back());
  }
  return out;
}

void BM_ShingleAndHash(benchmark::State& state) {
  static const auto docs = Normalized();
  std::vector<uint64_t> hashes;
  for (auto _ : state) {
    for (const auto& d : docs) {
      hashes.clear();
      HashShingles(d, ShingleOptions{}, &hashes);
      ToShingleSet(&hashes);
      benchmark::DoNotOptimize(hashes.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * Bytes(Corpus(true)));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
}
BENCHMARK(BM_ShingleAndHash);

// Token hashing alone (XXH3 of each word), on each path the CPU has:
// 0 portable (one inlined XXH3 call per token), 2 AVX-512 (eight tokens
// at a time).
void BM_HashTokens(benchmark::State& state) {
  static const auto docs = Normalized();
  const auto fn = state.range(0) == 2 ? text::HashTokensAvx512 : text::HashTokensPortable;
  if (state.range(0) == 2 && !util::CpuHasAvx512Bw()) {
    state.SkipWithError("no AVX-512 on this CPU");
    return;
  }
  std::vector<uint64_t> hashes;
  int64_t tokens = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      hashes.resize(d.tokens.size());
      fn(d.text, d.tokens, 1, hashes.data());
      benchmark::DoNotOptimize(hashes.data());
      tokens += static_cast<int64_t>(d.tokens.size());
    }
  }
  state.SetItemsProcessed(tokens);
}
BENCHMARK(BM_HashTokens)->Arg(0)->Arg(2)->ArgNames({"path"});

// A page's shingle hashes into its stored set (sorted, unique top halves).
void BM_ToStoredSet(benchmark::State& state) {
  static const auto shingles = [] {
    std::vector<std::vector<uint64_t>> out;
    for (const auto& d : Normalized()) {
      out.emplace_back();
      HashShingles(d, ShingleOptions{}, &out.back());
    }
    return out;
  }();
  std::vector<uint32_t> set;
  int64_t values = 0;
  for (auto _ : state) {
    for (const auto& s : shingles) {
      pipeline::ToStoredSet(s, &set);
      benchmark::DoNotOptimize(set.data());
      values += static_cast<int64_t>(s.size());
    }
  }
  state.SetItemsProcessed(values);
}
BENCHMARK(BM_ToStoredSet);

// The window hash alone, on each path the CPU has: 0 portable, 1 AVX2,
// 2 AVX-512 (word 5-grams over a million token hashes).
void BM_WindowHashes(benchmark::State& state) {
  using Fn = void (*)(const uint64_t*, size_t, int, uint64_t*);
  const Fn paths[] = {text::WindowHashesPortable, text::WindowHashesAvx2, text::WindowHashesAvx512};
  const bool supported[] = {true, util::CpuHasAvx2(), util::CpuHasAvx512()};
  const auto path = static_cast<size_t>(state.range(0));
  if (!supported[path]) {
    state.SkipWithError("not on this CPU");
    return;
  }
  constexpr int kSize = 5;
  std::mt19937_64 rng(1);
  std::vector<uint64_t> units(size_t{1} << 20);
  for (uint64_t& u : units) u = rng();
  const size_t windows = units.size() - kSize + 1;
  std::vector<uint64_t> out(windows);
  for (auto _ : state) {
    paths[path](units.data(), windows, kSize, out.data());
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(windows));
}
BENCHMARK(BM_WindowHashes)->Arg(0)->Arg(1)->Arg(2)->ArgNames({"path"});

std::vector<std::vector<uint64_t>> ShingleSets() {
  std::vector<std::vector<uint64_t>> sets;
  for (const auto& d : Normalized()) {
    sets.emplace_back();
    HashShingles(d, ShingleOptions{}, &sets.back());
    ToShingleSet(&sets.back());
  }
  return sets;
}

template <void (*Sketch)(std::span<const uint64_t>, int, uint64_t, std::vector<uint32_t>*)>
void BM_Sketch(benchmark::State& state) {
  static const auto sets = ShingleSets();
  std::vector<uint32_t> sig;
  for (auto _ : state) {
    for (const auto& s : sets) {
      Sketch(s, static_cast<int>(state.range(0)), 1, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(sets.size()));
}
BENCHMARK(BM_Sketch<OnePermutationMinHash>)->Arg(128)->Arg(256)->Name("BM_OnePermutationMinHash");
BENCHMARK(BM_Sketch<ClassicMinHash>)->Arg(128)->Name("BM_ClassicMinHash");

void BM_BandKeys(benchmark::State& state) {
  std::vector<uint32_t> sig(128);
  for (uint32_t i = 0; i < 128; ++i) sig[i] = i * 2654435761u;
  std::vector<uint64_t> keys;
  for (auto _ : state) {
    keys.clear();
    BandKeys(sig, LshParams{35, 3}, &keys);
    benchmark::DoNotOptimize(keys.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BandKeys);

void BM_SelectAnchors(benchmark::State& state) {
  static const auto sets = ShingleSets();
  std::vector<uint64_t> anchors;
  for (auto _ : state) {
    for (const auto& s : sets) {
      SelectAnchors(s, AnchorOptions{}, &anchors);
      benchmark::DoNotOptimize(anchors.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(sets.size()));
}
BENCHMARK(BM_SelectAnchors);

void BM_Cluster(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  std::vector<ScoredPair> pairs;
  for (uint32_t i = 1; i < n; i += 2) pairs.push_back({i - 1, i, 180, 200, 200});  // near
  for (uint32_t i = 3; i < n; i += 4) pairs.push_back({i - 2, i, 150, 167, 750});  // inside
  std::vector<uint32_t> lengths(n, 100);
  std::vector<uint8_t> eligible(n, 1);
  for (auto _ : state) {
    auto c = ClusterDocuments(n, pairs, ClusterThresholds{}, lengths, eligible,
                              KeepPolicy::kLongest, [](uint32_t, uint32_t) { return 0.9; });
    benchmark::DoNotOptimize(c.roots.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
BENCHMARK(BM_Cluster)->Arg(1 << 16)->Arg(1 << 20);

// Sorting anchor postings (hash, document) as the anchor index does: the
// comparison sort (arg 0), oneTBB's parallel sort (1), or the split by key
// bits (2); the second argument is the thread count.
void BM_SortPostings(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<size_t>(state.range(1)));
  constexpr size_t kPostings = size_t{1} << 22;
  std::mt19937_64 rng(1);
  std::vector<std::pair<uint64_t, uint32_t>> postings(kPostings);
  for (auto& p : postings) p = {rng() >> 4, static_cast<uint32_t>(rng())};  // sampled hashes
  for (auto _ : state) {
    state.PauseTiming();
    auto items = postings;
    state.ResumeTiming();
    if (state.range(0) == 0) {
      std::sort(items.begin(), items.end());
    } else if (state.range(0) == 1) {
      tbb::parallel_sort(items.begin(), items.end());
    } else {
      index::SortByKey(&items);
    }
    benchmark::DoNotOptimize(items.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kPostings));
}
BENCHMARK(BM_SortPostings)
    ->ArgsProduct({{0, 1, 2}, {1, 2}})
    ->ArgNames({"method", "threads"})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace doppel

BENCHMARK_MAIN();
