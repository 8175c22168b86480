#include "pipeline/outputs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "io/json_writer.h"
#include "io/jsonl_writer.h"

namespace doppel::pipeline {
namespace {

const char* RelationName(const ScoredPair& p, bool exact, const ClusterThresholds& thresholds) {
  if (exact) return "exact";
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
  for (size_t i = 0; i < verdicts.size(); ++i) {
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

std::vector<bool> ExactPairs(const ScanResult& scan, const std::vector<ScoredPair>& pairs) {
  std::vector<bool> exact(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    exact[i] = scan.docs[pairs[i].a].exact_group == scan.docs[pairs[i].b].exact_group;
  }
  return exact;
}

Status WritePairs(const std::string& path, const ScanResult& scan,
                  const std::vector<ScoredPair>& pairs, const std::vector<bool>& exact,
                  const ClusterThresholds& thresholds) {
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
        .String(RelationName(p, exact[i], thresholds))
        .EndObject();
    DOPPEL_RETURN_IF_ERROR(file.Line(w.str()));
    if ((i + 1) % kLinesBetweenDrops == 0) scan.ids.DropResidentPages();
  }
  return file.Commit();
}

namespace {

// Copies the kept lines of input file f (uncompressed JSONL), whose
// documents start at document `first`, to *out: runs of lines that follow
// one another in the file are read in one piece, each with its "\n" (a
// line that ended otherwise gets one written after it).
Status CopyKeptLines(const io::InputFile& file, size_t f, uint64_t first, const ScanResult& scan,
                     const std::vector<Verdict>& verdicts, io::JsonlWriter* out) {
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(file.name + ": cannot open: " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<uint64_t>(st.st_size) != scan.file_bytes[f]) {
    return Status::IoError("an input changed while doppel was reading it: " + file.name +
                           " is not the size it was in the first pass");
  }
  // The run being gathered: its first line's start, its last line's end,
  // and whether a "\n" follows that end.
  std::optional<DocLocation> run;
  auto end_run = [&]() -> Status {
    if (!run) return Status::Ok();
    const DocLocation r = *std::exchange(run, std::nullopt);
    const uint64_t bytes = r.raw_end - r.raw_begin;
    if (r.raw_newline) return out->CopyFrom(fd, file.name, r.raw_begin, bytes + 1);
    DOPPEL_RETURN_IF_ERROR(out->CopyFrom(fd, file.name, r.raw_begin, bytes));
    return out->Line("");
  };
  constexpr uint64_t kBlock = uint64_t{1} << 16;  // locations read at a time
  const uint64_t count = scan.docs_per_file[f];
  std::vector<DocLocation> block;
  for (uint64_t at = 0; at < count; at += kBlock) {
    const uint64_t n = std::min(kBlock, count - at);
    DOPPEL_RETURN_IF_ERROR(scan.locations.CopyRange(first + at, n, &block));
    for (uint64_t k = 0; k < n; ++k) {
      if (verdicts[first + at + k].status != DocStatus::kKept) continue;
      const DocLocation& loc = block[k];
      if (run && run->raw_newline && loc.raw_begin == run->raw_end + 1) {  // the next line
        run->raw_end = loc.raw_end;
        run->raw_newline = loc.raw_newline;
        continue;
      }
      DOPPEL_RETURN_IF_ERROR(end_run());
      run = loc;
    }
  }
  return end_run();
}

}  // namespace

Status WriteKept(const std::string& path, const std::vector<io::InputFile>& files,
                 const DedupOptions& options, const ScanResult& scan,
                 const std::vector<Verdict>& verdicts) {
  io::JsonlWriter file;
  DOPPEL_RETURN_IF_ERROR(file.Open(path));
  io::ReaderOptions reader_options;
  reader_options.input = options.input;
  reader_options.parse = false;
  io::JsonWriter w;
  uint64_t first = 0;  // the first document of input file f
  for (size_t f = 0; f < files.size(); ++f) {
    const uint64_t count = scan.docs_per_file[f];
    if (files[f].format == io::InputFormat::kJsonl && !files[f].compressed) {
      DOPPEL_RETURN_IF_ERROR(CopyKeptLines(files[f], f, first, scan, verdicts, &file));
    } else {
      const std::vector<io::InputFile> one{files[f]};
      DOPPEL_RETURN_IF_ERROR(io::RereadDocuments(
          one, reader_options, count, [&](size_t index, io::Document& doc) -> Status {
            if (verdicts[first + index].status != DocStatus::kKept) return Status::Ok();
            if (files[f].format == io::InputFormat::kJsonl) return file.Line(doc.raw);
            w.Clear();
            w.BeginObject().Key("id").String(doc.id).Key("text").String(doc.text).EndObject();
            return file.Line(w.str());
          }));
    }
    first += count;
  }
  return file.Commit();
}

}  // namespace doppel::pipeline
