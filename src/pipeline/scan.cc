#include "pipeline/scan.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "doppel/shingle.h"
#include "index/key_sort.h"
#include "util/concurrency.h"
#include "util/equal_runs.h"

namespace doppel::pipeline {
namespace {

constexpr size_t kBatchDocs = 256;
constexpr size_t kBatchBytes = 4u << 20;
constexpr size_t kDuplicateIdExamples = 10;

// What the parallel stage computes for one document (its set goes to the
// batch's `sets`).
struct Shingled {
  Hash128 exact;
  uint32_t set_size = 0;
};

struct Batch {
  std::vector<io::Document> docs;
  std::vector<Shingled> shingled;
  // The documents' shingle sets, one after another, appended while each is
  // still in cache: no vector a document, no gathering of them later.
  std::vector<uint32_t> sets;
  uint64_t store_at = 0;  // where `sets` goes in the store
};

class Shingler {
 public:
  explicit Shingler(const DedupOptions& options)
      : options_(options), normalizer_(options.normalize) {}

  // Parses a JSON line read raw (in parallel, here), then shingles the
  // text, appending its set to *sets.
  void Run(const std::vector<io::InputFile>& files, const io::ReaderOptions& reader_options,
           io::Document* doc, Shingled* out, std::vector<uint32_t>* sets) const {
    Buffers& local = buffers_.local();
    NormalizedText& norm = local.norm;
    std::vector<uint64_t>& shingles = local.shingles;
    std::vector<uint32_t>& stored = local.stored;
    out->set_size = 0;
    std::string_view text = doc->text;  // a text file's
    if (doc->reject.empty() && files[doc->file].format == io::InputFormat::kJsonl) {
      // The text stays in this thread's parser, normalised from there.
      io::ParseJsonDocument(files[doc->file], reader_options, &doc->raw, doc, &text);
      std::string().swap(doc->raw);
    }
    if (!doc->reject.empty()) return;
    normalizer_.Normalize(text, &norm);
    if (norm.tokens.empty()) {
      doc->reject = "empty document: no words after normalisation";
      return;
    }
    out->exact = HashBytes128(norm.text);
    shingles.clear();
    HashShingles(norm, options_.shingle, &shingles);
    ToStoredSet(shingles, &stored);
    sets->insert(sets->end(), stored.begin(), stored.end());
    out->set_size = static_cast<uint32_t>(stored.size());
  }

 private:
  // A worker's buffers, each the size of the largest document it has
  // shingled: they go with the Shingler at the stage's end, not with the
  // thread at the run's.
  struct Buffers {
    NormalizedText norm;
    std::vector<uint64_t> shingles;
    std::vector<uint32_t> stored;
  };

  const DedupOptions& options_;
  Normalizer normalizer_;
  mutable tbb::enumerable_thread_specific<Buffers> buffers_;
};

// The serial, in-order end of the pipeline: appends each document's results.
class Collector {
 public:
  Collector(const std::vector<io::InputFile>& files, const DedupOptions& options,
            ShingleStore* store, ScanResult* result, io::SpillFile<DocLocation>* locations)
      : files_(files), options_(options), store_(store), result_(result), locations_(locations) {}

  Status Add(const io::Document& doc, const Shingled& s) {
    auto index = static_cast<uint32_t>(result_->docs.size());
    DocRecord rec;
    rec.exact_group = index;
    DOPPEL_RETURN_IF_ERROR(result_->ids.Append(doc.id));
    Hash128 exact{};
    if (!doc.reject.empty()) {
      if (options_.strict) {
        return Status::DataError(io::DocumentLocation(files_, doc) + ": " + doc.reject);
      }
      rec.rejected = true;
      result_->rejects.emplace_back(index, io::DocumentLocation(files_, doc) + ": " + doc.reject);
    } else {
      rec.store_offset = store_->Reserve(s.set_size);  // written by the last filter
      rec.num_shingles = s.set_size;
      exact = s.exact;
    }
    result_->docs.push_back(rec);
    result_->exact.push_back(exact);
    ++result_->docs_per_file[doc.file];
    const DocLocation at{doc.file, doc.raw_newline, doc.line, doc.raw_begin, doc.raw_end};
    return locations_->Append(std::span<const DocLocation>(&at, 1)).status();
  }

 private:
  const std::vector<io::InputFile>& files_;
  const DedupOptions& options_;
  ShingleStore* store_;
  ScanResult* result_;
  io::SpillFile<DocLocation>* locations_;
};

// Counts the documents whose id an earlier document already has, and words
// the first few. Ids are grouped by the top 32 bits of their hash, each
// packed with its document's index, so memory is 8 bytes a document; the
// ids of a group of two or more are compared, for hashes that merely
// collide, read by copy (read through the map in hash order, each would
// keep the pages around it: 18 MB for synth 1M's 116 collisions). Errors:
// I/O on the id files.
Status FindRepeatedIds(const std::vector<io::InputFile>& files,
                       const io::SpillFile<DocLocation>& locations, ScanResult* result) {
  constexpr size_t kBlock = size_t{1} << 16;  // ids read between letting go of their pages
  const size_t n = result->docs.size();
  const IdTable& ids = result->ids;
  std::vector<uint64_t> by_hash(n);  // hash << 32 | index
  for (size_t begin = 0; begin < n; begin += kBlock) {
    tbb::parallel_for(begin, std::min(n, begin + kBlock),
                      [&](size_t i) { by_hash[i] = (HashBytes(ids[i]) >> 32) << 32 | i; });
    ids.DropResidentPages();
  }
  index::SortBySpreadKey(
      std::span<uint64_t>(by_hash), [](uint64_t k) { return k; }, std::less<uint64_t>());
  std::vector<uint32_t> repeats;
  std::vector<std::string> distinct;  // the ids of a group, each once
  std::string id;
  Status error;
  util::ForEachEqualRun(
      std::span<const uint64_t>(by_hash), [](uint64_t x, uint64_t y) { return x >> 32 == y >> 32; },
      [&](std::span<const uint64_t> group) {
        if (group.size() < 2 || !error.ok()) return;  // a hash seen once: its id too
        distinct.clear();
        for (uint64_t entry : group) {
          const auto doc = static_cast<uint32_t>(entry);  // in order within the group
          error = ids.Copy(doc, &id);
          if (!error.ok()) return;
          if (std::find(distinct.begin(), distinct.end(), id) != distinct.end()) {
            repeats.push_back(doc);
          } else {
            distinct.push_back(id);
          }
        }
      });
  DOPPEL_RETURN_IF_ERROR(error);
  std::sort(repeats.begin(), repeats.end());
  result->duplicate_ids = repeats.size();
  for (size_t k = 0; k < repeats.size() && k < kDuplicateIdExamples; ++k) {
    const DocLocation& at = locations.Get(repeats[k], 1)[0];
    DOPPEL_RETURN_IF_ERROR(ids.Copy(repeats[k], &id));
    result->duplicate_id_examples.push_back("id \"" + id + "\" at " +
                                            io::DocumentLocation(files, at.file, at.line) +
                                            " was already used");
  }
  return Status::Ok();
}

}  // namespace

Result<ScanResult> Scan(const std::vector<io::InputFile>& files, const DedupOptions& options,
                        const std::string& scratch_prefix, ShingleStore* store,
                        RunObserver* observer) {
  ScanResult result;
  DOPPEL_RETURN_IF_ERROR(result.ids.Create(scratch_prefix));
  io::SpillFile<DocLocation>& locations = result.locations;
  constexpr size_t kLocationBufferBytes = 1u << 20;  // 32 bytes a document: 32k of them
  DOPPEL_RETURN_IF_ERROR(locations.Create(scratch_prefix + "locations.bin", kLocationBufferBytes));
  result.docs_per_file.assign(files.size(), 0);
  io::ReaderOptions reader_options;
  reader_options.input = options.input;
  reader_options.parse = false;  // JSON lines are parsed in the parallel stage
  io::DocumentReader reader(files, reader_options);
  Shingler shingler(options);
  Collector collector(files, options, store, &result, &locations);
  uint64_t total_bytes = 0;
  bool compressed = false;
  for (const auto& f : files) {
    total_bytes += f.size_bytes;
    compressed = compressed || f.compressed;
  }
  if (compressed) total_bytes = 0;  // sizes on disk say little about the text

  Status error;
  bool stop = false;
  std::mutex write_error_lock;
  Status write_error;                 // of writing sets to the store
  std::atomic<uint64_t> bytes_in{0};  // written by the reading filter only
  auto last_report = std::chrono::steady_clock::now();
  const size_t tokens = static_cast<size_t>(util::Concurrency()) * 2 + 2;
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<
          void, Batch*>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> Batch* {
        if (stop) {
          fc.stop();
          return nullptr;
        }
        auto batch = std::make_unique<Batch>();
        size_t bytes = 0;
        while (batch->docs.size() < kBatchDocs && bytes < kBatchBytes) {
          batch->docs.emplace_back();
          auto more = reader.Next(&batch->docs.back());
          if (!more.ok()) {
            error = more.status();
            stop = true;
            break;
          }
          if (!*more) {
            batch->docs.pop_back();
            stop = true;
            break;
          }
          bytes += batch->docs.back().text.size() + batch->docs.back().raw.size();
        }
        bytes_in.store(reader.bytes_read(), std::memory_order_relaxed);
        if (batch->docs.empty()) {
          fc.stop();
          return nullptr;
        }
        return batch.release();
      }) & tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel, [&](Batch* batch) {
        batch->shingled.resize(batch->docs.size());
        for (size_t i = 0; i < batch->docs.size(); ++i) {
          shingler.Run(files, reader_options, &batch->docs[i], &batch->shingled[i], &batch->sets);
        }
        return batch;
      }) & tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::serial_in_order, [&](Batch* batch) {
        batch->store_at = store->size();
        for (size_t i = 0; i < batch->docs.size() && error.ok(); ++i) {
          Status s = collector.Add(batch->docs[i], batch->shingled[i]);
          if (!s.ok()) {
            error = s;
            stop = true;
          }
        }
        auto now = std::chrono::steady_clock::now();
        if (observer != nullptr && now - last_report > std::chrono::milliseconds(200)) {
          last_report = now;
          observer->OnProgress(Progress{"read", result.docs.size(),
                                        bytes_in.load(std::memory_order_relaxed), total_bytes, 0});
        }
        return batch;
      }) & tbb::make_filter<Batch*, void>(tbb::filter_mode::parallel, [&](Batch* raw) {
        // The batch's sets, placed in order above, written here in
        // parallel: one pwrite a batch, off the in-order path.
        std::unique_ptr<Batch> batch(raw);
        Status s = store->Overwrite(batch->store_at, batch->sets);
        if (!s.ok()) {
          std::lock_guard<std::mutex> hold(write_error_lock);
          if (write_error.ok()) write_error = s;
        }
      }));
  if (!error.ok()) return error;
  DOPPEL_RETURN_IF_ERROR(write_error);
  DOPPEL_RETURN_IF_ERROR(result.ids.Seal());
  DOPPEL_RETURN_IF_ERROR(locations.Seal());
  DOPPEL_RETURN_IF_ERROR(FindRepeatedIds(files, locations, &result));
  result.blank_lines = reader.blank_lines();
  result.bytes_read = reader.bytes_read();
  result.file_bytes = reader.file_bytes();
  DOPPEL_RETURN_IF_ERROR(store->Seal());
  return result;
}

Status SpillRecords(ChunkedVector<DocRecord>* records, const std::string& path,
                    io::SpillFile<DocRecord>* file) {
  DOPPEL_RETURN_IF_ERROR(file->Create(path));
  Status error;
  records->ForEachChunk([&](std::span<const DocRecord> chunk) {
    if (error.ok()) error = file->Append(chunk).status();
  });
  DOPPEL_RETURN_IF_ERROR(error);
  DOPPEL_RETURN_IF_ERROR(file->Seal());
  records->clear();
  return Status::Ok();
}

void RestoreRecords(io::SpillFile<DocRecord>* file, ChunkedVector<DocRecord>* records) {
  file->ForEachBlockCopied([&](std::span<const DocRecord> block) {
    for (const DocRecord& r : block) records->push_back(r);
  });
  *file = io::SpillFile<DocRecord>();  // removes the file
}

}  // namespace doppel::pipeline
