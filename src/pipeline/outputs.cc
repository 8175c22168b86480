#include "pipeline/outputs.h"

#include "io/json_writer.h"
#include "io/jsonl_writer.h"

namespace doppel::pipeline {
namespace {

const char* RelationName(const ScoredPair& p, const ScanResult& scan,
                         const ClusterThresholds& thresholds) {
  if (scan.docs[p.a].exact_group == scan.docs[p.b].exact_group) return "exact";
  switch (Relate(p, thresholds)) {
    case PairRelation::kNear:
      return "near";
    case PairRelation::kAInB:
      return "a_in_b";
    case PairRelation::kBInA:
      return "b_in_a";
    case PairRelation::kNone:
      break;
  }
  return "none";
}

// Lines between letting go of the id pages read: the ids stay on disk.
constexpr size_t kLinesBetweenDrops = size_t{1} << 16;

}  // namespace

const char* MatchKindName(MatchKind kind) {
  switch (kind) {
    case MatchKind::kExact:
      return "exact";
    case MatchKind::kNear:
      return "near";
    case MatchKind::kContained:
      return "contained";
    case MatchKind::kTransitive:
      return "transitive";
    case MatchKind::kNone:
      break;
  }
  return "none";
}

Status WriteDocuments(const std::string& path, const ScanResult& scan,
                      const std::vector<Verdict>& verdicts, const std::vector<uint32_t>& clusters) {
  io::JsonlWriter file;
  DOPPEL_RETURN_IF_ERROR(file.Open(path));
  io::JsonWriter w;
  size_t next_reject = 0;
  for (size_t i = 0; i < scan.docs.size(); ++i) {
    const Verdict& v = verdicts[i];
    w.Clear();
    w.BeginObject().Key("id").String(scan.ids[i]);
    switch (v.status) {
      case DocStatus::kKept:
        w.Key("status").String("kept").Key("cluster").Uint(clusters[i]);
        break;
      case DocStatus::kDuplicate:
        w.Key("status").String("duplicate").Key("cluster").Uint(clusters[i]);
        w.Key("duplicate_of").String(scan.ids[v.representative]);
        w.Key("score").Double(v.score).Key("match").String(MatchKindName(v.match));
        break;
      case DocStatus::kRejected:
        w.Key("status").String("rejected").Key("reason").String(scan.rejects[next_reject++].second);
        break;
    }
    w.EndObject();
    DOPPEL_RETURN_IF_ERROR(file.Line(w.str()));
    if ((i + 1) % kLinesBetweenDrops == 0) scan.ids.DropResidentPages();
  }
  return file.Commit();
}

Status WritePairs(const std::string& path, const ScanResult& scan,
                  const std::vector<ScoredPair>& pairs, const ClusterThresholds& thresholds) {
  io::JsonlWriter file;
  DOPPEL_RETURN_IF_ERROR(file.Open(path));
  io::JsonWriter w;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const ScoredPair& p = pairs[i];
    w.Clear();
    w.BeginObject()
        .Key("a")
        .String(scan.ids[p.a])
        .Key("b")
        .String(scan.ids[p.b])
        .Key("jaccard")
        .Double(p.jaccard())
        .Key("a_in_b")
        .Double(p.a_in_b())
        .Key("b_in_a")
        .Double(p.b_in_a())
        .Key("shared")
        .Uint(p.shared)
        .Key("relation")
        .String(RelationName(p, scan, thresholds))
        .EndObject();
    DOPPEL_RETURN_IF_ERROR(file.Line(w.str()));
    if ((i + 1) % kLinesBetweenDrops == 0) scan.ids.DropResidentPages();
  }
  return file.Commit();
}

Status WriteKept(const std::string& path, const std::vector<io::InputFile>& files,
                 const DedupOptions& options, const std::vector<Verdict>& verdicts) {
  io::JsonlWriter file;
  DOPPEL_RETURN_IF_ERROR(file.Open(path));
  io::ReaderOptions reader_options;
  reader_options.input = options.input;
  reader_options.parse = false;
  io::JsonWriter w;
  DOPPEL_RETURN_IF_ERROR(io::RereadDocuments(
      files, reader_options, verdicts.size(), [&](size_t index, io::Document& doc) -> Status {
        if (verdicts[index].status != DocStatus::kKept) return Status::Ok();
        if (files[doc.file].format == io::InputFormat::kJsonl) return file.Line(doc.raw);
        w.Clear();
        w.BeginObject().Key("id").String(doc.id).Key("text").String(doc.text).EndObject();
        return file.Line(w.str());
      }));
  return file.Commit();
}

}  // namespace doppel::pipeline
