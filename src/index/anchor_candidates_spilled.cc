#include "index/anchor_candidates_spilled.h"

#include <algorithm>
#include <cassert>
#include <string>

#include "doppel/hash.h"
#include "index/anchor_count.h"
#include "index/key_sort.h"
#include "io/stream_file.h"

namespace doppel::index {
namespace {

// A posting as it is spilled (std::pair is not trivially copyable).
struct SpilledPosting {
  uint64_t anchor;
  uint32_t doc;
};

// Document x's shared anchor: the documents docs[from, from + count) after
// it in that anchor's run.
struct SharedEntry {
  uint64_t from;
  uint32_t x;
  uint32_t count;
};

uint64_t CeilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

// Walks `entries`, in increasing `from`, through the union of their
// ranges: calls on_entry(e, added) for each, where file documents
// [added, e.from + e.count) are what e adds to the union of the ranges
// before it (none when added is at or past that end). added == e.from
// when e starts a stretch of the union of its own.
template <typename OnEntry>
void ForEachAddedToUnion(std::vector<SharedEntry>* entries, OnEntry&& on_entry) {
  uint64_t union_end = 0;
  for (SharedEntry& e : *entries) {
    const uint64_t added = std::max(e.from, union_end);
    union_end = std::max(union_end, e.from + e.count);
    on_entry(e, added);
  }
}

// Copies the run documents that `entries` point to in `docs` into
// *gathered, reading `docs` in file order, and points the entries there
// instead; false, changing nothing, when they would take more than
// `max_bytes`. Entries that overlap (the members of one run point to
// suffixes of it) share their copy, so what is gathered is the union of
// the entries' ranges: at most the file, however many times each run is
// visited. `entries` must come in increasing `from`, as a partition's
// stream holds them: runs are appended to `docs` in the order their
// members' entries are appended to the partitions.
bool GatherRuns(const io::SpillFile<uint32_t>& docs, uint64_t max_bytes,
                std::vector<SharedEntry>* entries, std::vector<uint32_t>* gathered) {
  assert(
      std::is_sorted(entries->begin(), entries->end(),
                     [](const SharedEntry& a, const SharedEntry& b) { return a.from < b.from; }));
  uint64_t volume = 0;  // the union's size
  ForEachAddedToUnion(entries, [&](const SharedEntry& e, uint64_t added) {
    volume += e.from + e.count - std::min(added, e.from + e.count);
  });
  if (volume * sizeof(uint32_t) > max_bytes) return false;
  gathered->resize(volume);
  constexpr uint64_t kWindow = uint64_t{1} << 20;  // documents read at once
  const uint64_t total = docs.All().size();
  std::vector<uint32_t> buffer;
  std::span<const uint32_t> window;  // docs [window_begin, window_begin + window.size())
  uint64_t window_begin = 0;
  uint64_t at = 0;  // documents gathered so far
  // The stretch of the union being gathered: it starts at file document
  // stretch_begin, which is in *gathered at gathered_begin.
  uint64_t stretch_begin = 0;
  uint64_t gathered_begin = 0;
  ForEachAddedToUnion(entries, [&](SharedEntry& e, uint64_t added) {
    if (added == e.from) {
      stretch_begin = e.from;
      gathered_begin = at;
    }
    const uint64_t end = e.from + e.count;
    if (end > added) {  // copies file documents [added, end)
      if (added < window_begin || end > window_begin + window.size()) {
        window_begin = added;
        window = docs.Read(window_begin,
                           std::min(total - window_begin, std::max(end - window_begin, kWindow)),
                           &buffer);
      }
      std::copy(window.begin() + static_cast<ptrdiff_t>(added - window_begin),
                window.begin() + static_cast<ptrdiff_t>(end - window_begin),
                gathered->begin() + static_cast<ptrdiff_t>(at));
      at += end - added;
    }
    e.from = gathered_begin + (e.from - stretch_begin);
  });
  return true;
}

}  // namespace

Result<std::vector<DocPair>> AnchorCandidatesSpilled(std::span<const uint64_t> offsets,
                                                     io::SpillFile<uint64_t>* anchors_file,
                                                     const AnchorOptions& options,
                                                     AnchorStats* stats, const AnchorSpill& spill) {
  const size_t n = offsets.size() - 1;
  anchors_file->ReadWithoutMap(true);
  const uint64_t total_anchors = offsets[n];
  stats->postings = total_anchors;
  std::vector<DocPair> pairs;
  if (n == 0) return pairs;
  // Sizes: a bucket's postings, and a partition's entries, each take at
  // most half the memory (16 bytes apiece, twice over while sorted).
  constexpr uint64_t kMinMemory = 1024;
  constexpr uint64_t kMaxStreams = 1024;
  const uint64_t memory = std::max(spill.memory_bytes, kMinMemory);
  int bucket_bits = 0;
  while ((uint64_t{1} << bucket_bits) < kMaxStreams &&
         total_anchors * 32 / (uint64_t{1} << bucket_bits) > memory / 2) {
    ++bucket_bits;
  }
  const uint64_t buckets = uint64_t{1} << bucket_bits;
  const uint64_t partitions = std::clamp<uint64_t>(CeilDiv(total_anchors * 32, memory / 2), 1,
                                                   std::min<uint64_t>(kMaxStreams, n));
  const uint64_t docs_per_partition = CeilDiv(n, partitions);
  const size_t buffer_bytes =
      std::clamp<size_t>(memory / 8 / (buckets + partitions), 4096, 1u << 20);
  auto bucket_of = [&](uint64_t anchor) -> uint64_t {
    return bucket_bits == 0 ? 0 : Mix64(anchor) >> (64 - bucket_bits);
  };

  io::StreamFile<SpilledPosting> bucket_files;  // a stream per bucket
  DOPPEL_RETURN_IF_ERROR(
      bucket_files.Create(spill.scratch_prefix + "postings.bin", buckets, buffer_bytes));
  {
    constexpr size_t kDocsPerRead = 4096;
    std::vector<uint64_t> chunk;
    for (size_t d0 = 0; d0 < n; d0 += kDocsPerRead) {
      const size_t d1 = std::min(n, d0 + kDocsPerRead);
      std::span<const uint64_t> anchors =
          anchors_file->Read(offsets[d0], offsets[d1] - offsets[d0], &chunk);
      for (size_t d = d0; d < d1; ++d) {
        for (uint64_t i = offsets[d]; i < offsets[d + 1]; ++i) {
          const uint64_t a = anchors[i - offsets[d0]];
          const SpilledPosting p{a, static_cast<uint32_t>(d)};
          DOPPEL_RETURN_IF_ERROR(bucket_files.Append(bucket_of(a), {&p, 1}));
        }
      }
    }
  }

  // Bucket by bucket: sort, then each shared run's documents go to one
  // file and each member's range of them to its document's partition.
  io::SpillFile<uint32_t> docs;
  DOPPEL_RETURN_IF_ERROR(docs.Create(spill.scratch_prefix + "run-docs.bin", buffer_bytes));
  io::StreamFile<SharedEntry> partition_files;  // a stream per partition
  DOPPEL_RETURN_IF_ERROR(
      partition_files.Create(spill.scratch_prefix + "shared.bin", partitions, buffer_bytes));
  DOPPEL_RETURN_IF_ERROR(bucket_files.Seal());
  std::vector<uint64_t> ignored;
  std::vector<uint32_t> run;
  for (uint64_t b = 0; b < buckets; ++b) {
    std::vector<Posting> postings;
    postings.reserve(bucket_files.size(b));
    DOPPEL_RETURN_IF_ERROR(bucket_files.ForEachChunk(b, [&](std::span<const SpilledPosting> chunk) {
      for (const SpilledPosting& p : chunk) postings.emplace_back(p.anchor, p.doc);
    }));
    bucket_files.Discard(b);
    SortByKey(&postings);
    Status error;
    ForEachRun(postings, options, stats, &ignored, [&](size_t i, size_t j) {
      if (j - i < 2 || !error.ok()) return;
      run.clear();
      for (size_t k = i; k < j; ++k) run.push_back(postings[k].second);
      auto first = docs.Append(run);
      if (!first.ok()) {
        error = first.status();
        return;
      }
      for (size_t t = 0; t + 1 < run.size(); ++t) {  // the last member has none after it
        const SharedEntry e{*first + t + 1, run[t], static_cast<uint32_t>(run.size() - t - 1)};
        Status appended = partition_files.Append(run[t] / docs_per_partition, {&e, 1});
        if (!appended.ok()) error = appended;
      }
    });
    DOPPEL_RETURN_IF_ERROR(error);
  }
  bucket_files = io::StreamFile<SpilledPosting>();  // removes the file
  DOPPEL_RETURN_IF_ERROR(partition_files.Seal());
  DOPPEL_RETURN_IF_ERROR(docs.Seal());
  docs.ReadWithoutMap(true);
  const PairTest test(AnchorLists(offsets, anchors_file), options, ignored);
  std::vector<uint64_t>().swap(ignored);  // the test holds its own set of them

  // Partition by partition, in document order: each document's ranges,
  // then the count.
  SharedCountScratch scratch;
  for (uint64_t p = 0; p < partitions; ++p) {
    std::vector<SharedEntry> entries;
    DOPPEL_RETURN_IF_ERROR(partition_files.Read(p, &entries));
    partition_files.Discard(p);
    // The documents the entries point to, gathered in file order (one
    // sequential read) into memory when they fit; otherwise the count
    // reads each range on its own.
    std::vector<uint32_t> gathered;
    const bool gather = spill.gather_runs && GatherRuns(docs, memory / 2, &entries, &gathered);
    const uint64_t first_doc = p * docs_per_partition;
    const uint64_t end_doc = std::min<uint64_t>(n, first_doc + docs_per_partition);
    if (first_doc >= end_doc) break;
    // Each document's ranges, grouped by document: counted, then placed
    // (in file order within a document; the count does not depend on it).
    std::vector<uint64_t> start(end_doc - first_doc + 1, 0);
    for (const SharedEntry& e : entries) ++start[e.x - first_doc + 1];
    for (size_t i = 0; i + 1 < start.size(); ++i) start[i + 1] += start[i];
    std::vector<std::pair<uint64_t, uint64_t>> ranges(entries.size());
    {
      std::vector<uint64_t> fill(start.begin(), start.end() - 1);
      for (const SharedEntry& e : entries) {
        ranges[fill[e.x - first_doc]++] = {e.from, e.from + e.count};
      }
    }
    std::vector<SharedEntry>().swap(entries);
    const SharedRanges shared = gather ? SharedRanges{first_doc, start, ranges, gathered, nullptr}
                                       : SharedRanges{first_doc, start, ranges, {}, &docs};
    stats->pairs_examined += CountSharedAnchors(shared, test, n, &scratch, &pairs);
  }
  return pairs;
}

}  // namespace doppel::index
