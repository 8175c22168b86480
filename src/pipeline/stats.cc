#include "pipeline/stats.h"

#include "io/atomic_file.h"
#include "io/json_writer.h"

namespace doppel::pipeline {
namespace {

constexpr size_t kRejectExamples = 10;

void WriteParameters(io::JsonWriter& w, const RunFacts& f) {
  const DedupOptions& o = *f.options;
  w.Key("parameters").BeginObject();
  w.Key("normalization")
      .BeginObject()
      .Key("nfkc")
      .Bool(o.normalize.nfkc)
      .Key("casefold")
      .Bool(o.normalize.casefold)
      .Key("strip_punctuation")
      .Bool(o.normalize.strip_punctuation)
      .Key("split_unspaced_scripts")
      .Bool(o.normalize.split_unspaced_scripts)
      .EndObject();
  w.Key("shingles")
      .BeginObject()
      .Key("kind")
      .String(ShingleKindName(o.shingle.kind))
      .Key("size")
      .Int(o.shingle.size)
      .EndObject();
  w.Key("minhash")
      .BeginObject()
      .Key("method")
      .String("one-permutation hashing, optimal densification")
      .Key("num_hashes")
      .Int(o.num_hashes)
      .Key("seed")
      .Uint(o.seed)
      .EndObject();
  w.Key("lsh")
      .BeginObject()
      .Key("bands")
      .Int(f.lsh.bands)
      .Key("rows")
      .Int(f.lsh.rows)
      .Key("chosen")
      .String(o.exact        ? "none: exact reference"
              : o.bands == 0 ? "from threshold"
                             : "by user")
      .Key("collision_probability_at_threshold")
      .Double(f.summary.collision_at_threshold)
      .EndObject();
  w.Key("thresholds")
      .BeginObject()
      .Key("jaccard")
      .Double(o.thresholds.jaccard)
      .Key("containment")
      .Double(o.containment ? o.thresholds.containment : 0.0)
      .Key("container_share")
      .Double(o.thresholds.container_share)
      .Key("min_contained_shingles")
      .Uint(o.thresholds.min_contained_shingles)
      .EndObject();
  w.Key("common_shingle_df")
      .BeginObject()
      .Key("limit")
      .Uint(f.common_df)
      .Key("chosen")
      .String(o.common_df ? "by user" : "0.1% of documents, at least 20")
      .EndObject();
  w.Key("containment")
      .BeginObject()
      .Key("enabled")
      .Bool(o.containment)
      .Key("anchor_sampling")
      .Int(o.anchors.sampling)
      .Key("max_anchors")
      .Int(o.anchors.max_anchors)
      .Key("max_anchor_df")
      .Uint(o.anchors.max_df)
      .Key("min_shared_anchors")
      .Int(o.anchors.min_shared)
      .Key("min_anchor_estimate")
      .Double(o.anchors.min_estimate)
      .EndObject();
  w.Key("exact_reference").Bool(o.exact);
  w.Key("verification").String("exact, over 32-bit shingle hashes");
  w.Key("keep").String(KeepPolicyName(o.keep));
  w.Key("text_field").String(o.input.text_field);
  w.Key("id_field").String(o.input.id_field);
  w.Key("max_doc_bytes").Uint(o.input.max_doc_bytes);
  w.Key("strict").Bool(o.strict);
  w.EndObject();
}

}  // namespace

Status WriteStats(const std::string& path, const ScanResult& scan, const RunFacts& f) {
  const DedupSummary& s = f.summary;
  io::JsonWriter w(2);
  w.BeginObject();
  w.Key("doppel_version").String(DOPPEL_VERSION);
  w.Key("documents")
      .BeginObject()
      .Key("read")
      .Uint(s.read)
      .Key("kept")
      .Uint(s.kept)
      .Key("duplicate")
      .Uint(s.duplicate)
      .Key("rejected")
      .Uint(s.rejected)
      .EndObject();
  w.Key("duplicates_by_match").BeginObject();
  for (MatchKind k :
       {MatchKind::kExact, MatchKind::kNear, MatchKind::kContained, MatchKind::kTransitive}) {
    w.Key(MatchKindName(k)).Uint(s.by_match[static_cast<int>(k)]);
  }
  w.EndObject();
  w.Key("clusters")
      .BeginObject()
      .Key("with_duplicates")
      .Uint(s.clusters)
      .Key("largest")
      .Uint(s.largest_cluster)
      .EndObject();
  w.Key("input")
      .BeginObject()
      .Key("files")
      .Uint(f.input_files)
      .Key("bytes")
      .Uint(scan.bytes_read)
      .Key("blank_lines_skipped")
      .Uint(scan.blank_lines)
      .EndObject();
  w.Key("duplicate_ids").BeginObject().Key("count").Uint(s.duplicate_ids).Key("examples");
  w.BeginArray();
  for (const std::string& e : scan.duplicate_id_examples) w.String(e);
  w.EndArray().EndObject();
  w.Key("rejected_examples").BeginArray();
  for (size_t i = 0; i < scan.rejects.size() && i < kRejectExamples; ++i) {
    w.String(scan.rejects[i].second);
  }
  w.EndArray();
  w.Key("boilerplate")
      .BeginObject()
      .Key("common_shingles")
      .Uint(f.common_shingles)
      .Key("documents_without_common")
      .Uint(f.profiles_without_common)
      .Key("documents_compared_whole")
      .Uint(f.profiles_whole)
      .EndObject();
  w.Key("pairs")
      .BeginObject()
      .Key("exact")
      .Uint(f.exact_pairs)
      .Key("lsh_candidates")
      .Uint(f.lsh_pairs)
      .Key("anchor_candidates")
      .Uint(f.anchor_pairs)
      .Key("candidates")
      .Uint(s.candidate_pairs)
      .Key("verified")
      .Uint(s.verified_pairs)
      .Key("anchors")
      .Uint(f.anchor_stats.postings)
      .Key("distinct_anchors")
      .Uint(f.anchor_stats.distinct_anchors)
      .Key("anchors_over_max_df")
      .Uint(f.anchor_stats.ignored_anchors)
      .EndObject();
  WriteParameters(w, f);
  w.Key("run").BeginObject().Key("threads").Int(f.threads);
  w.Key("memory_limit_mb").Int(static_cast<int64_t>(f.options->memory_limit >> 20));
  w.Key("anchor_index_spilled").Bool(f.anchor_index_spilled);
  w.Key("seconds").BeginObject();
  for (const auto& [stage, seconds] : f.stage_seconds) w.Key(stage).Double(seconds);
  w.EndObject().Key("peak_resident_mb").BeginObject();
  for (const auto& [stage, bytes] : f.stage_peak_bytes) w.Key(stage).Int(bytes >> 20);
  w.EndObject().EndObject();
  w.EndObject();
  io::AtomicFile file;
  DOPPEL_RETURN_IF_ERROR(file.Open(path));
  DOPPEL_RETURN_IF_ERROR(file.Write(w.str()));
  DOPPEL_RETURN_IF_ERROR(file.Write("\n"));
  return file.Commit();
}

}  // namespace doppel::pipeline
