#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "doppel/cluster.h"
#include "doppel/eval.h"
#include "io/line_reader.h"

namespace doppel {
namespace {

constexpr size_t kMaxGroupValues = 100;
constexpr size_t kMaxValueLength = 64;

struct TruthDoc {
  std::string label;
  std::map<std::string, std::vector<std::string>> fields;  // categorical values
};

struct RunDoc {
  std::string cluster;  // empty: a singleton (rejected, or in no pair)
  std::string status;
  std::string duplicate_of;
};

double Choose2(uint64_t n) { return static_cast<double>(n) * static_cast<double>(n - (n > 0)) / 2; }

std::string ScalarText(simdjson::dom::element e) {
  std::string_view s;
  if (!e.get(s)) return std::string(s);
  if (e.is_number() || e.is_bool()) return simdjson::minify(e);
  return "";
}

// Calls on_line(object, location) for each JSON object line of `path`.
template <typename OnLine>
Status ForEachObject(const std::string& path, OnLine&& on_line) {
  DOPPEL_ASSIGN_OR_RETURN(auto stream, io::OpenInputStream(path));
  io::LineReader lines(std::move(stream), 1ull << 30);
  simdjson::dom::parser parser;
  std::string line;
  for (;;) {
    DOPPEL_ASSIGN_OR_RETURN(io::LineInfo info, lines.Next(&line));
    if (info.kind == io::LineKind::kEnd) return Status::Ok();
    std::string where = path + ":" + std::to_string(info.number);
    if (info.kind == io::LineKind::kTooLong) return Status::DataError(where + ": line too long");
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::object obj;
    auto error = parser.parse(line).get(obj);
    if (error) {
      return Status::DataError(where + ": not a JSON object: " + simdjson::error_message(error));
    }
    DOPPEL_RETURN_IF_ERROR(on_line(obj, where));
  }
}

Result<std::unordered_map<std::string, TruthDoc>> ReadTruth(const std::string& path,
                                                            const EvalOptions& o,
                                                            std::vector<std::string>* order) {
  std::unordered_map<std::string, TruthDoc> truth;
  DOPPEL_RETURN_IF_ERROR(
      ForEachObject(path, [&](simdjson::dom::object obj, const std::string& where) -> Status {
        simdjson::dom::element id;
        simdjson::dom::element label;
        if (obj.at_key(o.id_field).get(id))
          return Status::DataError(where + ": no field '" + o.id_field + "'");
        if (obj.at_key(o.label_field).get(label)) {
          return Status::DataError(where + ": no field '" + o.label_field + "'");
        }
        TruthDoc doc;
        doc.label = ScalarText(label);
        for (auto field : obj) {
          std::string key(field.key);
          if (key == o.id_field || key == o.label_field) continue;
          std::vector<std::string> values;
          simdjson::dom::array arr;
          if (!field.value.get(arr)) {
            for (auto item : arr) {
              simdjson::dom::object inner;
              if (!item.get(inner)) {
                for (auto f : inner) {
                  std::string_view s;
                  if (!f.value.get(s)) {
                    values.emplace_back(s);
                    break;
                  }
                }
              } else {
                values.push_back(ScalarText(item));
              }
            }
          } else {
            values.push_back(ScalarText(field.value));
          }
          std::sort(values.begin(), values.end());
          values.erase(std::unique(values.begin(), values.end()), values.end());
          doc.fields[key] = std::move(values);
        }
        std::string key = ScalarText(id);
        if (truth.count(key)) return Status::DataError(where + ": id '" + key + "' appears twice");
        order->push_back(key);
        truth.emplace(std::move(key), std::move(doc));
        return Status::Ok();
      }));
  return truth;
}

Result<std::unordered_map<std::string, RunDoc>> ReadDocuments(const std::string& path) {
  std::unordered_map<std::string, RunDoc> run;
  DOPPEL_RETURN_IF_ERROR(
      ForEachObject(path, [&](simdjson::dom::object obj, const std::string& where) -> Status {
        simdjson::dom::element e;
        if (obj.at_key("id").get(e)) return Status::DataError(where + ": no field 'id'");
        RunDoc doc;
        std::string id = ScalarText(e);
        if (!obj.at_key("cluster").get(e)) doc.cluster = ScalarText(e);
        if (!obj.at_key("status").get(e)) doc.status = ScalarText(e);
        if (!obj.at_key("duplicate_of").get(e)) doc.duplicate_of = ScalarText(e);
        run[id] = std::move(doc);
        return Status::Ok();
      }));
  return run;
}

// Clusters of a pairs.jsonl: the connected components of its pairs.
Result<std::unordered_map<std::string, RunDoc>> ReadPairs(const std::string& path) {
  std::unordered_map<std::string, uint32_t> index;
  std::vector<std::string> ids;
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  auto id_of = [&](const std::string& id) {
    auto [it, added] = index.try_emplace(id, static_cast<uint32_t>(ids.size()));
    if (added) ids.push_back(id);
    return it->second;
  };
  DOPPEL_RETURN_IF_ERROR(
      ForEachObject(path, [&](simdjson::dom::object obj, const std::string& where) -> Status {
        simdjson::dom::element a;
        simdjson::dom::element b;
        if (obj.at_key("a").get(a) || obj.at_key("b").get(b)) {
          return Status::DataError(where + ": a pair needs fields 'a' and 'b'");
        }
        edges.emplace_back(id_of(ScalarText(a)), id_of(ScalarText(b)));
        return Status::Ok();
      }));
  UnionFind sets(ids.size());
  for (auto [a, b] : edges) sets.Union(a, b);
  std::unordered_map<std::string, RunDoc> run;
  for (uint32_t i = 0; i < ids.size(); ++i)
    run[ids[i]].cluster = "p" + std::to_string(sets.Find(i));
  return run;
}

bool LooksLikePairs(const std::string& path) {
  auto stream = io::OpenInputStream(path);
  if (!stream.ok()) return false;
  io::LineReader lines(std::move(*stream), 1ull << 30);
  std::string line;
  auto info = lines.Next(&line);
  return info.ok() && line.find("\"a\"") != std::string::npos &&
         line.find("\"status\"") == std::string::npos;
}

}  // namespace

Result<EvalReport> Evaluate(const std::string& run_path, const std::string& truth_path,
                            const EvalOptions& options) {
  std::string run_file = run_path;
  if (std::filesystem::is_directory(run_path)) run_file = run_path + "/documents.jsonl";
  DOPPEL_RETURN_IF_ERROR(io::CheckReadable(run_file));
  DOPPEL_RETURN_IF_ERROR(io::CheckReadable(truth_path));
  std::vector<std::string> order;
  DOPPEL_ASSIGN_OR_RETURN(auto truth, ReadTruth(truth_path, options, &order));
  EvalReport r;
  r.run_kind = LooksLikePairs(run_file) ? "pairs" : "documents";
  auto run_or = r.run_kind == "pairs" ? ReadPairs(run_file) : ReadDocuments(run_file);
  if (!run_or.ok()) return run_or.status();
  auto& run = *run_or;
  r.has_decisions = r.run_kind == "documents";
  for (const auto& [id, doc] : run) r.missing_from_truth += truth.count(id) == 0;

  // Contingency of predicted cluster x truth label, over documents in both.
  std::map<std::string, uint64_t> pred_size;
  std::map<std::string, uint64_t> true_size;
  std::map<std::pair<std::string, std::string>, uint64_t> cell;
  std::vector<std::pair<std::string, std::string>> doc_cells;  // per evaluated doc, in truth order
  std::vector<std::string> evaluated;
  for (const std::string& id : order) {
    auto it = run.find(id);
    if (r.run_kind == "documents" && it == run.end()) {
      ++r.missing_from_run;
      continue;
    }
    std::string pred =
        (it == run.end() || it->second.cluster.empty()) ? "s" + id : "c" + it->second.cluster;
    const std::string& label = truth[id].label;
    ++pred_size[pred];
    ++true_size[label];
    ++cell[{pred, label}];
    doc_cells.emplace_back(pred, label);
    evaluated.push_back(id);
  }
  r.documents = evaluated.size();
  double tp = 0;
  double pp = 0;
  double tt = 0;
  for (const auto& [k, n] : cell) tp += Choose2(n);
  for (const auto& [k, n] : pred_size) pp += Choose2(n);
  for (const auto& [k, n] : true_size) tt += Choose2(n);
  r.correct_pairs = static_cast<uint64_t>(tp);
  r.predicted_pairs = static_cast<uint64_t>(pp);
  r.true_pairs = static_cast<uint64_t>(tt);
  r.precision = pp > 0 ? tp / pp : 1.0;
  r.recall = tt > 0 ? tp / tt : 1.0;
  r.f1 = r.precision + r.recall > 0 ? 2 * r.precision * r.recall / (r.precision + r.recall) : 0;
  double all = Choose2(r.documents);
  double expected = all > 0 ? pp * tt / all : 0;
  double max_index = (pp + tt) / 2;
  r.adjusted_rand_index =
      max_index - expected != 0 ? (tp - expected) / (max_index - expected) : 1.0;

  // B-cubed, per document, plus keep decisions and the breakdown.
  std::map<std::pair<std::string, std::string>, EvalGroup> groups;
  std::map<std::string, uint64_t> kept_per_label;
  std::map<std::string, size_t> distinct_values;
  for (size_t i = 0; i < evaluated.size(); ++i) {
    const auto& [pred, label] = doc_cells[i];
    double n = static_cast<double>(cell[{pred, label}]);
    double p = n / static_cast<double>(pred_size[pred]);
    double rc = n / static_cast<double>(true_size[label]);
    r.bcubed_precision += p;
    r.bcubed_recall += rc;
    bool wrong = false;
    if (r.has_decisions) {
      const RunDoc& d = run[evaluated[i]];
      if (d.status == "kept") ++kept_per_label[label];
      if (d.status == "duplicate") {
        auto t = truth.find(d.duplicate_of);
        wrong = t == truth.end() || t->second.label != label;
        r.wrongly_removed += wrong;
      }
    }
    for (const auto& [field, values] : truth[evaluated[i]].fields) {
      for (const std::string& v : values) {
        if (v.empty() || v.size() > kMaxValueLength) continue;
        EvalGroup& g = groups[{field, v}];
        g.field = field;
        g.value = v;
        ++g.documents;
        g.bcubed_precision += p;
        g.bcubed_recall += rc;
        g.wrongly_removed += wrong;
      }
    }
  }
  if (r.documents > 0) {
    r.bcubed_precision /= static_cast<double>(r.documents);
    r.bcubed_recall /= static_cast<double>(r.documents);
  }
  double bp = r.bcubed_precision;
  double br = r.bcubed_recall;
  r.bcubed_f1 = bp + br > 0 ? 2 * bp * br / (bp + br) : 0;
  for (const auto& [label, kept] : kept_per_label) r.wrongly_kept += kept - 1;
  for (const auto& [key, g] : groups) ++distinct_values[key.first];
  for (auto& [key, g] : groups) {
    if (distinct_values[key.first] > kMaxGroupValues) continue;
    g.bcubed_precision /= static_cast<double>(g.documents);
    g.bcubed_recall /= static_cast<double>(g.documents);
    r.breakdown.push_back(g);
  }
  return r;
}

}  // namespace doppel
