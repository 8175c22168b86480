#include "pipeline/profile.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <mutex>
#include <utility>

#include "doppel/minhash.h"
#include "io/stream_file.h"
#include "sketch/mix_each.h"
#include "util/concurrency.h"
#include "util/hash_value_set.h"

namespace doppel::pipeline {
namespace {

// The common shingle values, asked about every stored value.
using CommonSet = util::HashValueSet<uint32_t>;

constexpr size_t kChunkDocs = 1024;
constexpr double kMinProfileShare = 0.5;

struct DocSketch {
  bool leader = false;  // sketched: keys and anchors
  uint32_t profile_size = 0;
  std::vector<uint64_t> keys;
  std::vector<uint64_t> anchors;
  bool dropped_common = false;
  bool whole = false;
};

struct Chunk {
  size_t begin = 0;
  std::vector<DocSketch> docs;
  Status status;  // of reading and rewriting its sets
};

// The values of set[first..) that are not common, into *out (set[first] is
// the set's first common value: those before it are all kept).
void KeptAfter(std::span<const uint32_t> set, size_t first, const CommonSet& common,
               std::vector<uint32_t>* out) {
  out->clear();
  for (uint32_t v : set.subspan(first)) {
    if (!common.Contains(v)) out->push_back(v);
  }
}

// Writes the store's values of buckets [first, last) (by their top 8 bits)
// to a file of bucket streams, then counts each bucket in parallel and
// keeps in (*found)[b] its values in more than max_df sets, ascending.
Status CountBuckets(const ShingleStore& store, int first, int last, uint32_t max_df,
                    const std::string& scratch_prefix, uint64_t memory_budget,
                    std::vector<std::vector<uint32_t>>* found) {
  constexpr int kBucketBits = 8;
  std::span<const uint32_t> all = store.All();
  // Values wait in 4 KB per bucket (1 MB in all, which stays in cache while
  // the scatter writes to it at random), then in 64 KB per bucket stream
  // (16 MB in all, filled in order) before they are written.
  constexpr size_t kPendingBytes = 4u << 10;
  constexpr size_t kBucketBufferBytes = 64u << 10;
  const auto num_buckets = static_cast<size_t>(last - first);
  io::StreamFile<uint32_t> buckets;
  DOPPEL_RETURN_IF_ERROR(
      buckets.Create(scratch_prefix + "buckets-" + std::to_string(first) + ".bin", num_buckets,
                     kBucketBufferBytes));
  // The scatter runs as parallel tasks, each over its own slices of the
  // values (so each value is read once), appending a full pending buffer to
  // its bucket's stream under that bucket's lock. The order of values
  // within a bucket then depends on timing; its count does not.
  const auto tasks = static_cast<size_t>(util::Concurrency());
  constexpr size_t kSlice = size_t{1} << 20;  // values read between dropping pages
  const size_t slices = (all.size() + kSlice - 1) / kSlice;
  std::vector<std::mutex> locks(num_buckets);
  std::vector<Status> scatter_errors(tasks);
  tbb::parallel_for(size_t{0}, tasks, [&](size_t task) {
    Status& error = scatter_errors[task];
    // Each bucket's pending values, in one flat array: a push is a load and
    // two stores, with no vector's capacity to check.
    constexpr size_t kPending = kPendingBytes / sizeof(uint32_t);
    std::vector<uint32_t> pending(num_buckets * kPending);
    std::vector<uint32_t> filled(num_buckets, 0);
    auto append = [&](size_t i) {
      std::lock_guard<std::mutex> hold(locks[i]);
      Status appended =
          buckets.Append(i, std::span<const uint32_t>(&pending[i * kPending], filled[i]));
      if (!appended.ok() && error.ok()) error = appended;
      filled[i] = 0;
    };
    for (size_t slice = task; slice < slices && error.ok(); slice += tasks) {
      const size_t begin = slice * kSlice;
      const size_t end = std::min(all.size(), begin + kSlice);
      for (uint32_t v : all.subspan(begin, end - begin)) {
        const size_t i = (v >> (32 - kBucketBits)) - static_cast<size_t>(first);
        if (i >= num_buckets) continue;  // also buckets below `first` (wrapped)
        pending[i * kPending + filled[i]] = v;
        if (++filled[i] == kPending) append(i);
      }
      store.DropResidentPages(begin, end - begin);  // safe while another task reads
    }
    for (size_t i = 0; i < num_buckets && error.ok(); ++i) append(i);
  });
  for (const Status& e : scatter_errors) DOPPEL_RETURN_IF_ERROR(e);
  DOPPEL_RETURN_IF_ERROR(buckets.Seal());
  // A thread counting a bucket holds two copies of it: under a budget, as
  // many count at once as the largest bucket allows.
  uint64_t largest = 0;
  for (size_t i = 0; i < num_buckets; ++i) largest = std::max(largest, buckets.size(i));
  const uint64_t per_thread = 2 * largest * sizeof(uint32_t);
  int counting = util::Concurrency();
  if (memory_budget > 0 && per_thread > 0) {
    counting = static_cast<int>(
        std::clamp<uint64_t>(memory_budget / per_thread, 1, static_cast<uint64_t>(counting)));
  }
  std::vector<Status> errors(num_buckets);
  tbb::task_arena(counting).execute([&] {
    tbb::parallel_for(size_t{0}, num_buckets, [&](size_t i) {
      // Counted in memory: at most two copies of a bucket at a time per
      // thread, let go of when it is counted. Its stream stays on disk
      // until the pass's file goes: punching each 64 KB chunk out of the
      // file once read cost a system call per chunk and the filesystem's
      // bookkeeping (1.1 s of a 39 s run at 1M documents), and the file is
      // bounded by the pass anyway.
      std::vector<uint32_t> values;
      errors[i] = buckets.Read(i, &values);
      if (!errors[i].ok()) return;
      std::vector<uint32_t> scratch;
      FrequentValues(&values, max_df, &scratch, &(*found)[static_cast<size_t>(first) + i]);
    });
  });
  for (const Status& e : errors) DOPPEL_RETURN_IF_ERROR(e);
  return Status::Ok();
}

}  // namespace

Result<std::vector<uint32_t>> FindCommonShingles(const ShingleStore& store, uint32_t max_df,
                                                 const std::string& scratch_prefix,
                                                 uint64_t memory_budget, uint64_t pass_bytes) {
  std::vector<uint32_t> common;
  std::span<const uint32_t> all = store.All();
  if (max_df == 0 || all.empty()) return common;
  // Each document's set is unique, so a value's count is its document
  // frequency. Values are spread over bucket files by their top bits, and
  // each bucket is counted alone: memory stays at one bucket's share. The
  // buckets are written and counted in passes, each for a range of buckets
  // of about pass_bytes in all, so the disk holds at most that much more.
  constexpr int kBucketBits = 8;
  constexpr int kBuckets = 1 << kBucketBits;
  const uint64_t bytes = all.size() * sizeof(uint32_t);
  const auto passes = static_cast<int>(std::clamp<uint64_t>(
      (bytes + pass_bytes - 1) / std::max<uint64_t>(pass_bytes, 1), 1, kBuckets));
  std::vector<std::vector<uint32_t>> found(kBuckets);
  for (int pass = 0; pass < passes; ++pass) {
    const int first = kBuckets * pass / passes;
    const int last = kBuckets * (pass + 1) / passes;
    DOPPEL_RETURN_IF_ERROR(
        CountBuckets(store, first, last, max_df, scratch_prefix, memory_budget, &found));
  }
  for (int b = 0; b < kBuckets; ++b) common.insert(common.end(), found[b].begin(), found[b].end());
  return common;
}

Result<Sketches> SketchProfiles(ScanResult* scan, ShingleStore* store,
                                const std::vector<uint32_t>& common,
                                const std::vector<uint32_t>& leaders, const DedupOptions& options,
                                const LshParams& lsh, const std::string& scratch_prefix) {
  Sketches out;
  const size_t n = scan->docs.size();
  const auto bands = static_cast<size_t>(lsh.bands);
  constexpr size_t kKeyBufferBytes = 256u << 10;  // per band
  DOPPEL_RETURN_IF_ERROR(
      out.band_keys.Create(scratch_prefix + "bands.bin", bands, kKeyBufferBytes));
  DOPPEL_RETURN_IF_ERROR(out.anchors.Create(scratch_prefix + "anchors.bin"));
  out.anchor_offsets.reserve(leaders.size() + 1);  // exactly: it lives into the next stage
  std::vector<uint8_t> is_leader(n, 0);
  for (uint32_t d : leaders) is_leader[d] = 1;
  size_t next = 0;
  Status error;
  const CommonSet common_set(common);
  // Makes `set` its profile, in place (a prefix of it), and sketches it.
  // Returns how far it rewrote the set: from the first common value (the
  // values before it are kept) to the profile's end; an empty range when
  // the set is left as it is.
  // Each worker's buffers, let go of when the stage ends (a worker's
  // `hashes` is the size of the largest profile it has sketched).
  struct WorkerBuffers {
    std::vector<uint32_t> sets;  // a chunk's stored sets, read by copy
    std::vector<uint32_t> tail;  // a profile after its first common value
    std::vector<uint64_t> hashes;
    std::vector<uint32_t> signature;
  };
  tbb::enumerable_thread_specific<WorkerBuffers> buffers;
  auto sketch_one = [&](std::span<uint32_t> set, DocSketch* d) -> std::pair<size_t, size_t> {
    WorkerBuffers& local = buffers.local();
    std::vector<uint32_t>& tail = local.tail;
    std::vector<uint64_t>& hashes = local.hashes;
    std::vector<uint32_t>& signature = local.signature;
    std::pair<size_t, size_t> rewritten{0, 0};
    size_t first = 0;
    while (first < set.size() && !common_set.Contains(set[first])) ++first;
    if (first < set.size()) {
      KeptAfter(set, first, common_set, &tail);
      const size_t profile_size = first + tail.size();
      if (profile_size == 0 ||
          static_cast<double>(profile_size) < kMinProfileShare * static_cast<double>(set.size())) {
        d->whole = true;  // compared by its whole set, left as it is
      } else {
        d->dropped_common = true;
        std::copy(tail.begin(), tail.end(), set.begin() + static_cast<ptrdiff_t>(first));
        set = set.first(profile_size);
        rewritten = {first, profile_size};
      }
    }
    d->profile_size = static_cast<uint32_t>(set.size());
    if (!d->leader) return rewritten;  // its exact duplicate's sketch stands for it
    hashes.resize(set.size());
    sketch::MixEach(set.data(), set.size(), hashes.data());
    if (lsh.bands > 0) {
      OnePermutationMinHash(hashes, options.num_hashes, options.seed, &signature);
      BandKeys(signature, lsh, &d->keys);
    }
    if (options.containment) SelectAnchors(hashes, options.anchors, &d->anchors);
    return rewritten;
  };
  // Sketches a chunk's documents. Their sets (one range of the store) are
  // read by copy and the rewritten part written back, never through the
  // store's map: writing there faulted in every page for writing, each
  // fault costing the file system's bookkeeping. Each worker's copy is
  // kept for its next chunk.
  auto sketch_chunk = [&](Chunk* c) {
    uint64_t first = UINT64_MAX;
    uint64_t end = 0;
    for (size_t i = 0; i < c->docs.size(); ++i) {
      const DocRecord& rec = scan->docs[c->begin + i];
      if (rec.rejected) continue;
      first = std::min(first, rec.store_offset);
      end = std::max(end, rec.store_offset + rec.num_shingles);
    }
    if (first >= end) first = end = 0;
    std::vector<uint32_t>& sets = buffers.local().sets;
    c->status = store->CopyRange(first, end - first, &sets);
    if (!c->status.ok()) return;
    uint64_t rewritten_begin = end;
    uint64_t rewritten_end = first;
    for (size_t i = 0; i < c->docs.size(); ++i) {
      const DocRecord& rec = scan->docs[c->begin + i];
      if (rec.rejected) continue;
      c->docs[i].leader = is_leader[c->begin + i] != 0;
      const auto [from, to] = sketch_one(
          std::span<uint32_t>(sets.data() + (rec.store_offset - first), rec.num_shingles),
          &c->docs[i]);
      if (from < to) {
        rewritten_begin = std::min(rewritten_begin, rec.store_offset + from);
        rewritten_end = std::max(rewritten_end, rec.store_offset + to);
      }
    }
    if (rewritten_begin < rewritten_end) {
      c->status = store->Overwrite(
          rewritten_begin, std::span<const uint32_t>(sets.data() + (rewritten_begin - first),
                                                     rewritten_end - rewritten_begin));
    }
  };
  const size_t tokens = static_cast<size_t>(util::Concurrency()) * 2 + 2;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, Chunk*>(tbb::filter_mode::serial_in_order,
                                     [&](tbb::flow_control& fc) -> Chunk* {
                                       if (next >= n) {
                                         fc.stop();
                                         return nullptr;
                                       }
                                       auto* c = new Chunk;
                                       c->begin = next;
                                       c->docs.resize(std::min(kChunkDocs, n - next));
                                       next += c->docs.size();
                                       return c;
                                     }) &
          tbb::make_filter<Chunk*, Chunk*>(tbb::filter_mode::parallel,
                                           [&](Chunk* c) {
                                             sketch_chunk(c);
                                             return c;
                                           }) &
          tbb::make_filter<Chunk*, void>(tbb::filter_mode::serial_in_order, [&](Chunk* raw) {
            std::unique_ptr<Chunk> c(raw);
            if (!c->status.ok() && error.ok()) error = c->status;
            thread_local std::vector<uint64_t> band;
            for (size_t b = 0; b < bands && error.ok(); ++b) {
              band.clear();
              for (const DocSketch& d : c->docs) {
                if (d.leader) band.push_back(d.keys[b]);
              }
              Status s = out.band_keys.Append(b, band);
              if (!s.ok()) error = s;
            }
            for (size_t i = 0; i < c->docs.size() && error.ok(); ++i) {
              DocRecord& rec = scan->docs[c->begin + i];
              DocSketch& d = c->docs[i];
              if (rec.rejected) continue;
              rec.profile_size = d.profile_size;
              out.profiles_without_common += d.dropped_common;
              out.profiles_whole += d.whole;
              if (!d.leader) continue;
              Status s = out.anchors.Append(d.anchors).status();
              if (!s.ok()) error = s;
              out.anchor_offsets.push_back(out.anchor_offsets.back() + d.anchors.size());
            }
          }));
  DOPPEL_RETURN_IF_ERROR(error);
  DOPPEL_RETURN_IF_ERROR(out.band_keys.Seal());
  DOPPEL_RETURN_IF_ERROR(out.anchors.Seal());
  return out;
}

}  // namespace doppel::pipeline
