#include "doppel/dedup.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "index/anchor_candidates_spilled.h"
#include "pipeline/memory_use.h"
#include "pipeline/outputs.h"
#include "pipeline/profile.h"
#include "pipeline/scan.h"
#include "pipeline/scratch.h"
#include "pipeline/stats.h"
#include "pipeline/verify.h"
#include "util/equal_runs.h"

namespace doppel {
namespace {

using pipeline::DocStatus;
using pipeline::MatchKind;
using pipeline::ScanResult;
using pipeline::Verdict;

bool InUnitRange(double x) { return x > 0.0 && x <= 1.0; }

class StageClock {
 public:
  StageClock(RunObserver* observer, pipeline::RunFacts* facts)
      : observer_(observer), facts_(facts), start_(Now()), stage_start_(start_) {}
  void Begin(const char* stage) {
    End();
    pipeline::ReleaseFreedMemory();  // what the last stage freed
    stage_ = stage;
    stage_start_ = Now();
    if (observer_ != nullptr) observer_->OnStage(stage);
  }
  void End() {
    if (stage_ != nullptr) {
      facts_->stage_seconds.emplace_back(stage_, Since(stage_start_));
      facts_->stage_peak_bytes.emplace_back(stage_, pipeline::PeakResidentBytes());
    }
    stage_ = nullptr;
  }
  double Total() const { return Since(start_); }

 private:
  using Clock = std::chrono::steady_clock;
  static Clock::time_point Now() { return Clock::now(); }
  static double Since(Clock::time_point t) {
    return std::chrono::duration<double>(Now() - t).count();
  }
  RunObserver* observer_;
  pipeline::RunFacts* facts_;
  const char* stage_ = nullptr;
  Clock::time_point start_;
  Clock::time_point stage_start_;
};

// Groups documents by their normalised text's hash: sets every document's
// exact_group to its group's first member, and pairs every other member with
// it (their sizes and shared count are left for the caller to fill in once
// the profiles are known). Lets go of the hashes. Returns the first members, the
// documents that go on to candidate generation.
std::vector<uint32_t> GroupExact(ScanResult* scan, std::vector<ScoredPair>* exact_pairs) {
  const pipeline::ChunkedVector<Hash128>& exact = scan->exact;
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < scan->docs.size(); ++i) {
    if (!scan->docs[i].rejected) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return exact[a] != exact[b] ? exact[a] < exact[b] : a < b;
  });
  std::vector<uint32_t> leaders;
  util::ForEachEqualRun(
      std::span<const uint32_t>(order),
      [&](uint32_t a, uint32_t b) { return exact[a] == exact[b]; },
      [&](std::span<const uint32_t> group) {
        for (uint32_t member : group.subspan(1)) {
          exact_pairs->push_back(ScoredPair{group[0], member, 0, 0, 0});
          scan->docs[member].exact_group = group[0];
        }
        leaders.push_back(group[0]);
      });
  std::sort(leaders.begin(), leaders.end());
  scan->exact = pipeline::ChunkedVector<Hash128>();
  return leaders;
}

std::vector<DocPair> ToDocPairs(const std::vector<DocPair>& dense,
                                const std::vector<uint32_t>& docs) {
  std::vector<DocPair> out;
  out.reserve(dense.size());
  for (const auto& [a, b] : dense) out.emplace_back(docs[a], docs[b]);
  return out;
}

// Whether the in-memory anchor index over `postings` anchors fits a quarter
// of `memory_limit` (0: no limit). It holds about 40 bytes a posting at its
// peak (the postings while sorted, the shared ranges, their documents).
bool AnchorIndexFits(uint64_t postings, uint64_t memory_limit) {
  constexpr uint64_t kBytesPerPosting = 40;
  return memory_limit == 0 || postings * kBytesPerPosting <= memory_limit / 4;
}

// Candidate pairs (document indexes, sorted, unique) among the first members
// of exact-duplicate groups: LSH band collisions and, with containment on,
// anchor-index matches. Consumes the sketches, letting go of each band's
// keys when it is done.
Result<std::vector<DocPair>> FindCandidates(const std::vector<uint32_t>& leaders,
                                            const DedupOptions& options,
                                            const std::string& scratch_prefix,
                                            pipeline::Sketches* sketches,
                                            pipeline::RunFacts* facts) {
  // Band after band (each sorted by all threads), its pairs merged into the
  // union as it is done: memory holds the union and one band's buckets.
  std::vector<DocPair> by_band;
  std::vector<uint64_t> keys;
  for (size_t b = 0; b < sketches->band_keys.streams(); ++b) {
    DOPPEL_RETURN_IF_ERROR(sketches->band_keys.Read(b, &keys));
    sketches->band_keys.Discard(b);
    std::vector<DocPair> found = BandCandidates(keys);
    MergePairs(&found, &by_band);
  }
  std::vector<uint64_t>().swap(keys);
  std::vector<DocPair> candidates = ToDocPairs(by_band, leaders);
  std::vector<DocPair>().swap(by_band);
  pipeline::ReleaseFreedMemory();  // the bands' buckets, before the anchor index
  facts->lsh_pairs = candidates.size();
  if (options.containment) {
    std::vector<DocPair> anchor_pairs;
    if (AnchorIndexFits(sketches->anchors.All().size(), options.memory_limit)) {
      anchor_pairs = AnchorCandidates(sketches->anchor_offsets, sketches->anchors.All(),
                                      options.anchors, &facts->anchor_stats);
    } else {
      facts->anchor_index_spilled = true;
      DOPPEL_ASSIGN_OR_RETURN(
          anchor_pairs,
          index::AnchorCandidatesSpilled(
              sketches->anchor_offsets, &sketches->anchors, options.anchors, &facts->anchor_stats,
              index::AnchorSpill{scratch_prefix, options.memory_limit / 4}));
    }
    auto by_anchor = ToDocPairs(anchor_pairs, leaders);
    std::vector<DocPair>().swap(anchor_pairs);
    facts->anchor_pairs = by_anchor.size();
    MergePairs(&by_anchor, &candidates);  // both in leader order, so still sorted
  }
  *sketches = pipeline::Sketches();
  return candidates;
}

// Decide() for documents [begin, end), in parallel.
void DecideBlock(const ScanResult& scan, const pipeline::ShingleStore& profiles,
                 const std::vector<uint32_t>& reps, std::span<const ScoredPair> edges,
                 const ClusterThresholds& thresholds, size_t begin, size_t end,
                 tbb::enumerable_thread_specific<pipeline::ProfileBuffers>* buffers,
                 std::vector<Verdict>* verdicts) {
  tbb::parallel_for(begin, end, [&](size_t i) {
    Verdict& v = (*verdicts)[i];
    if (scan.docs[i].rejected) return;
    v.representative = reps[i];
    if (reps[i] == i) {
      v.status = DocStatus::kKept;
      return;
    }
    v.status = DocStatus::kDuplicate;
    uint32_t r = reps[i];
    if (scan.docs[i].exact_group == scan.docs[r].exact_group) {
      v.match = MatchKind::kExact;
      v.score = 1.0;
      return;
    }
    auto doc = static_cast<uint32_t>(i);
    const uint32_t a = std::min(doc, r);
    const uint32_t b = std::max(doc, r);
    // A duplicate linked straight to its representative has the pair's
    // score already (verification counts a linking pair's shared values
    // exactly); others, linked through the cluster, are scored here.
    const auto edge =
        std::lower_bound(edges.begin(), edges.end(), std::pair{a, b},
                         [](const ScoredPair& e, std::pair<uint32_t, uint32_t> key) {
                           return e.a != key.first ? e.a < key.first : e.b < key.second;
                         });
    const ScoredPair p = edge != edges.end() && edge->a == a && edge->b == b
                             ? *edge
                             : pipeline::ScorePair(a, b, scan, profiles, &buffers->local());
    PairRelation rel = Relate(p, thresholds);
    v.score = doc < r ? p.a_in_b() : p.b_in_a();
    PairRelation doc_in_rep = doc < r ? PairRelation::kAInB : PairRelation::kBInA;
    v.match = rel == PairRelation::kNear ? MatchKind::kNear
              : rel == doc_in_rep        ? MatchKind::kContained
                                         : MatchKind::kTransitive;
  });
}

// Each document's verdict: rejected, kept (its cluster's representative), or
// a duplicate of its representative, with the share of it found there and
// how it matches (`edges`: the linking pairs, sorted by their documents).
// Cluster numbers are filled in later. Works in blocks of documents,
// letting go of the store pages it mapped after each.
std::vector<Verdict> Decide(const ScanResult& scan, const pipeline::ShingleStore& profiles,
                            const std::vector<uint32_t>& reps, std::span<const ScoredPair> edges,
                            const ClusterThresholds& thresholds) {
  constexpr size_t kDocsPerBlock = size_t{1} << 16;
  std::vector<Verdict> verdicts(scan.docs.size());
  tbb::enumerable_thread_specific<pipeline::ProfileBuffers> buffers;
  for (size_t begin = 0; begin < scan.docs.size(); begin += kDocsPerBlock) {
    DecideBlock(scan, profiles, reps, edges, thresholds, begin,
                std::min(scan.docs.size(), begin + kDocsPerBlock), &buffers, &verdicts);
    profiles.DropResidentPages();  // no thread reads between blocks
  }
  return verdicts;
}

}  // namespace

uint32_t CommonDfFor(uint64_t documents) {
  return static_cast<uint32_t>(std::max<uint64_t>(20, documents / 1000));
}

Status ValidateDedupOptions(const DedupOptions& o) {
  if (!InUnitRange(o.thresholds.jaccard)) {
    return Status::InvalidArgument("--threshold must be in (0, 1]");
  }
  if (!InUnitRange(o.thresholds.containment)) {
    return Status::InvalidArgument("--containment must be in (0, 1]");
  }
  if (!InUnitRange(o.thresholds.container_share)) {
    return Status::InvalidArgument("--container-share must be in (0, 1]");
  }
  if (o.num_hashes < 1 || o.num_hashes > 4096) {
    return Status::InvalidArgument("--num-hashes must be between 1 and 4096");
  }
  if (o.shingle.size < 1 || o.shingle.size > 64) {
    return Status::InvalidArgument("--shingle-size must be between 1 and 64");
  }
  if (o.bands < 0 || o.rows < 0) {
    return Status::InvalidArgument("--bands and --rows must be positive");
  }
  if (o.bands > 0 && o.rows > 0 && o.bands * o.rows > o.num_hashes) {
    return Status::InvalidArgument("--bands x --rows (" + std::to_string(o.bands * o.rows) +
                                   ") is more than --num-hashes (" + std::to_string(o.num_hashes) +
                                   ")");
  }
  if (o.bands > o.num_hashes || o.rows > o.num_hashes) {
    return Status::InvalidArgument("--bands and --rows must not exceed --num-hashes");
  }
  if (o.input.max_doc_bytes < 1 || o.input.max_doc_bytes > 0xFFFFFFFFull) {
    return Status::InvalidArgument("--max-doc-bytes must be between 1 and 4294967295");
  }
  if (o.threads < 0) return Status::InvalidArgument("--threads must be 0 (all cores) or more");
  if (o.input.text_field.empty()) return Status::InvalidArgument("--text-field must not be empty");
  if (o.input.id_field.empty()) return Status::InvalidArgument("--id-field must not be empty");
  if (o.anchors.sampling < 1) return Status::InvalidArgument("--anchor-sampling must be >= 1");
  if (o.anchors.max_anchors < 0) return Status::InvalidArgument("--max-anchors must be >= 0");
  if (o.anchors.min_shared < 1) return Status::InvalidArgument("--min-shared-anchors must be >= 1");
  return Status::Ok();
}

// Bands x rows in force: the user's, completed from --num-hashes when only
// one is given, or chosen from the Jaccard threshold.
static Result<LshParams> ResolveLsh(const DedupOptions& o) {
  if (o.exact) return LshParams{0, 0};
  if (o.bands > 0 && o.rows > 0) return LshParams{o.bands, o.rows};
  if (o.bands > 0) return LshParams{o.bands, o.num_hashes / o.bands};
  if (o.rows > 0) return LshParams{o.num_hashes / o.rows, o.rows};
  return ChooseLshParams(o.thresholds.jaccard, o.num_hashes);
}

// The options a run works with: the user's, with the anchor index turned
// into a full inverted index for the exact reference.
static DedupOptions EffectiveOptions(const DedupOptions& user) {
  DedupOptions o = user;
  if (o.exact) {
    o.containment = true;
    double floor =
        std::min(o.thresholds.jaccard, user.containment ? o.thresholds.containment : 1.0);
    o.anchors = AnchorOptions{1, 0, 0, 1, floor};
  }
  return o;
}

Result<DedupSummary> RunDedup(const std::vector<std::string>& inputs, const std::string& out_dir,
                              const DedupOptions& user_options, RunObserver* observer) {
  DOPPEL_RETURN_IF_ERROR(ValidateDedupOptions(user_options));
  const DedupOptions options = EffectiveOptions(user_options);
  if (inputs.empty()) return Status::InvalidArgument("no input given");
  if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
    return Status::InvalidArgument("standard input ('-') can be given only once");
  }
  DOPPEL_ASSIGN_OR_RETURN(LshParams lsh, ResolveLsh(options));
  pipeline::ScratchDir scratch(out_dir);
  const std::string stdin_copy = scratch.File("stdin.jsonl");
  DOPPEL_ASSIGN_OR_RETURN(auto files, io::ExpandInputs(inputs, stdin_copy));
  DOPPEL_RETURN_IF_ERROR(scratch.Create());
  if (std::count(inputs.begin(), inputs.end(), "-") == 1) {
    DOPPEL_RETURN_IF_ERROR(pipeline::CopyStdin(stdin_copy));
  }

  const int threads =
      options.threads > 0 ? options.threads : static_cast<int>(tbb::info::default_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<size_t>(threads));
  pipeline::RunFacts facts;
  facts.options = &user_options;
  facts.lsh = lsh;
  facts.threads = threads;
  facts.input_files = files.size();
  DedupSummary& summary = facts.summary;
  summary.lsh = lsh;
  summary.collision_at_threshold = CollisionProbability(options.thresholds.jaccard, lsh);
  if (options.memory_limit > 0) pipeline::ReturnLargeBlocksWhenFreed(size_t{2} << 20);
  StageClock clock(observer, &facts);

  clock.Begin("read");
  pipeline::ShingleStore store;
  DOPPEL_RETURN_IF_ERROR(store.Create(scratch.File("shingles.bin")));
  DOPPEL_ASSIGN_OR_RETURN(ScanResult scan,
                          pipeline::Scan(files, options, scratch.File(""), &store, observer));
  const size_t n = scan.docs.size();

  std::vector<ScoredPair> edges;
  std::vector<uint32_t> leaders = GroupExact(&scan, &edges);
  facts.exact_pairs = edges.size();

  clock.Begin("sketch");
  pipeline::Sketches sketches;
  {
    facts.common_df = options.common_df.value_or(CommonDfFor(n));
    DOPPEL_ASSIGN_OR_RETURN(
        std::vector<uint32_t> common,
        pipeline::FindCommonShingles(store, facts.common_df, scratch.File("df-"),
                                     options.memory_limit / 4));
    facts.common_shingles = common.size();
    pipeline::ReleaseFreedMemory();  // the count's bucket buffers
    DOPPEL_ASSIGN_OR_RETURN(sketches, pipeline::SketchProfiles(&scan, &store, common, leaders,
                                                               options, lsh, scratch.File("")));
    store.DropResidentPages();  // verification reads only the candidates' profiles
  }
  for (ScoredPair& p : edges) {  // the same profile: known now
    p.shared = p.a_size = p.b_size = scan.docs[p.a].profile_size;
  }
  facts.profiles_without_common = sketches.profiles_without_common;
  facts.profiles_whole = sketches.profiles_whole;

  clock.Begin("candidates");
  // Under a limit, the records wait on disk: this stage does not read them.
  io::SpillFile<pipeline::DocRecord> spilled_records;
  if (options.memory_limit > 0) {
    DOPPEL_RETURN_IF_ERROR(
        pipeline::SpillRecords(&scan.docs, scratch.File("records.bin"), &spilled_records));
  }
  DOPPEL_ASSIGN_OR_RETURN(
      std::vector<DocPair> candidates,
      FindCandidates(leaders, options, scratch.File("anchor-"), &sketches, &facts));
  summary.candidate_pairs = candidates.size();
  std::vector<uint32_t>().swap(leaders);
  if (options.memory_limit > 0) pipeline::RestoreRecords(&spilled_records, &scan.docs);

  clock.Begin("verify");
  // Under a limit, profiles are read by copy, not through the map.
  store.ReadWithoutMap(options.memory_limit > 0);
  ClusterThresholds thresholds = options.thresholds;
  if (!user_options.containment) thresholds.containment = 2.0;  // never reached
  // The pairs that link join the exact ones in place: no second copy.
  summary.verified_pairs =
      pipeline::VerifyPairs(candidates, scan, store, thresholds, observer, &edges);
  std::vector<DocPair>().swap(candidates);
  std::sort(edges.begin(), edges.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });

  clock.Begin("cluster");
  std::vector<uint32_t> lengths(n);
  std::vector<uint8_t> eligible(n);
  for (size_t i = 0; i < n; ++i) {
    lengths[i] = scan.docs[i].num_shingles;
    eligible[i] = !scan.docs[i].rejected;
  }
  pipeline::ProfileBuffers containment_buffers;  // ClusterDocuments asks from one thread
  Clustering clustering = ClusterDocuments(
      n, edges, thresholds, lengths, eligible, options.keep, [&](uint32_t inner, uint32_t outer) {
        return pipeline::ContainmentIn(inner, outer, scan, store, &containment_buffers);
      });
  std::vector<uint32_t>().swap(lengths);
  std::vector<uint8_t>().swap(eligible);
  std::vector<Verdict> verdicts =
      Decide(scan, store, clustering.representatives, edges, thresholds);
  std::vector<uint32_t>().swap(clustering.representatives);  // the verdicts hold them now
  store = pipeline::ShingleStore();  // removes the store: its disk space is the outputs' now
  // Cluster numbers by first appearance, written over the roots in place:
  // a cluster's root is its smallest member (and not rejected: rejected
  // documents pair with none), so it is the cluster's first appearance,
  // numbered before any other member reads its number there.
  std::vector<uint32_t>& clusters = clustering.roots;
  uint32_t num_clusters = 0;
  for (size_t i = 0; i < n; ++i) {
    if (scan.docs[i].rejected) {
      ++summary.rejected;
      continue;
    }
    const uint32_t root = clusters[i];
    if (root > i) return Status::Internal("a cluster's root is not its first member");
    clusters[i] = root == i ? num_clusters++ : clusters[root];
    if (verdicts[i].status == DocStatus::kKept) {
      ++summary.kept;
    } else {
      ++summary.duplicate;
      ++summary.by_match[static_cast<int>(verdicts[i].match)];
    }
  }
  summary.read = n;
  {
    std::vector<uint32_t> cluster_size(num_clusters, 0);  // let go of before the outputs
    for (size_t i = 0; i < n; ++i) {
      if (!scan.docs[i].rejected) ++cluster_size[clusters[i]];
    }
    for (uint32_t size : cluster_size) {
      summary.clusters += size > 1;
      summary.largest_cluster = std::max<uint64_t>(summary.largest_cluster, size);
    }
  }
  summary.duplicate_ids = scan.duplicate_ids;
  if (observer != nullptr) {
    for (const std::string& e : scan.duplicate_id_examples) observer->OnWarning(e);
    if (scan.duplicate_ids > scan.duplicate_id_examples.size()) {
      observer->OnWarning(std::to_string(scan.duplicate_ids) +
                          " documents repeat an earlier id; see stats.json");
    }
  }

  // The records go before the outputs are written (24 bytes a document):
  // pairs.jsonl needs only which pairs are exact duplicates.
  const std::vector<bool> exact_pairs = pipeline::ExactPairs(scan, edges);
  scan.docs.clear();

  clock.Begin("write");
  const std::string dir = out_dir + "/";
  {
    // kept.jsonl reads the inputs again while the other two are written.
    Status documents;
    Status pairs;
    Status kept;
    tbb::parallel_invoke(
        [&] {
          documents = pipeline::WriteDocuments(dir + "documents.jsonl", scan, verdicts, clusters);
          if (documents.ok())
            pairs = pipeline::WritePairs(dir + "pairs.jsonl", scan, edges, exact_pairs, thresholds);
        },
        [&] { kept = pipeline::WriteKept(dir + "kept.jsonl", files, options, scan, verdicts); });
    DOPPEL_RETURN_IF_ERROR(documents);
    DOPPEL_RETURN_IF_ERROR(pairs);
    DOPPEL_RETURN_IF_ERROR(kept);
  }
  clock.End();
  summary.seconds = clock.Total();
  facts.stage_seconds.emplace_back("total", summary.seconds);
  DOPPEL_RETURN_IF_ERROR(pipeline::WriteStats(dir + "stats.json", scan, facts));
  return summary;
}

}  // namespace doppel
