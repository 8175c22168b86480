#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "doppel/eval.h"
#include "io/atomic_file.h"
#include "io/json_writer.h"

namespace doppel::cli {
namespace {

struct EvalArgs {
  std::string run;
  std::string truth;
  std::string json_out;
  EvalOptions options;
};

std::string ReportJson(const EvalReport& r) {
  io::JsonWriter w(2);
  w.BeginObject();
  w.Key("run_kind").String(r.run_kind);
  w.Key("documents").Uint(r.documents);
  w.Key("missing_from_run").Uint(r.missing_from_run);
  w.Key("missing_from_truth").Uint(r.missing_from_truth);
  w.Key("pairs")
      .BeginObject()
      .Key("true")
      .Uint(r.true_pairs)
      .Key("predicted")
      .Uint(r.predicted_pairs)
      .Key("correct")
      .Uint(r.correct_pairs)
      .Key("precision")
      .Double(r.precision)
      .Key("recall")
      .Double(r.recall)
      .Key("f1")
      .Double(r.f1)
      .EndObject();
  w.Key("clusters")
      .BeginObject()
      .Key("adjusted_rand_index")
      .Double(r.adjusted_rand_index)
      .Key("bcubed_precision")
      .Double(r.bcubed_precision)
      .Key("bcubed_recall")
      .Double(r.bcubed_recall)
      .Key("bcubed_f1")
      .Double(r.bcubed_f1)
      .EndObject();
  if (r.has_decisions) {
    w.Key("decisions")
        .BeginObject()
        .Key("wrongly_removed")
        .Uint(r.wrongly_removed)
        .Key("wrongly_kept")
        .Uint(r.wrongly_kept)
        .EndObject();
  }
  w.Key("breakdown").BeginArray();
  for (const EvalGroup& g : r.breakdown) {
    w.BeginObject()
        .Key("field")
        .String(g.field)
        .Key("value")
        .String(g.value)
        .Key("documents")
        .Uint(g.documents)
        .Key("bcubed_precision")
        .Double(g.bcubed_precision)
        .Key("bcubed_recall")
        .Double(g.bcubed_recall)
        .Key("wrongly_removed")
        .Uint(g.wrongly_removed)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.str() + "\n";
}

void PrintReport(const EvalReport& r) {
  std::printf("doppel eval: %llu documents (%s)\n", static_cast<unsigned long long>(r.documents),
              r.run_kind.c_str());
  if (r.missing_from_run + r.missing_from_truth > 0) {
    std::printf(
        "  warning: %llu truth documents missing from the run, %llu run documents not in "
        "the truth\n",
        static_cast<unsigned long long>(r.missing_from_run),
        static_cast<unsigned long long>(r.missing_from_truth));
  }
  std::printf(
      "  pairs      precision %.4f  recall %.4f  F1 %.4f   (%llu correct of %llu found, "
      "%llu true)\n",
      r.precision, r.recall, r.f1, static_cast<unsigned long long>(r.correct_pairs),
      static_cast<unsigned long long>(r.predicted_pairs),
      static_cast<unsigned long long>(r.true_pairs));
  std::printf("  clusters   ARI %.4f   B-cubed precision %.4f  recall %.4f  F1 %.4f\n",
              r.adjusted_rand_index, r.bcubed_precision, r.bcubed_recall, r.bcubed_f1);
  if (r.has_decisions) {
    std::printf("  decisions  wrongly removed %llu   wrongly kept %llu\n",
                static_cast<unsigned long long>(r.wrongly_removed),
                static_cast<unsigned long long>(r.wrongly_kept));
  }
  if (!r.breakdown.empty()) {
    std::printf("  by truth field:\n  %-24s %10s %10s %10s %10s\n", "field=value", "documents",
                "B3-prec", "B3-recall", "wrong-rm");
    for (const EvalGroup& g : r.breakdown) {
      std::string name = g.field + "=" + g.value;
      std::printf("  %-24s %10llu %10.4f %10.4f %10llu\n", name.c_str(),
                  static_cast<unsigned long long>(g.documents), g.bcubed_precision, g.bcubed_recall,
                  static_cast<unsigned long long>(g.wrongly_removed));
    }
  }
}

int RunEvalCommand(const EvalArgs& args) {
  Result<EvalReport> report = Evaluate(args.run, args.truth, args.options);
  if (!report.ok()) {
    std::fprintf(stderr, "doppel eval: %s\n", report.status().message().c_str());
    return kExitFailure;
  }
  PrintReport(*report);
  if (!args.json_out.empty()) {
    io::AtomicFile file;
    Status s = file.Open(args.json_out);
    if (s.ok()) s = file.Write(ReportJson(*report));
    if (s.ok()) s = file.Commit();
    if (!s.ok()) {
      std::fprintf(stderr, "doppel eval: %s\n", s.message().c_str());
      return kExitFailure;
    }
  }
  return kExitOk;
}

}  // namespace

Command AddEvalCommand(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app.add_subcommand("eval", "Score a dedup run against ground truth");
  cmd->footer(
      std::string("DESCRIPTION:\n") +
      "Compares a run with ground truth: pairwise precision, recall and F1 over duplicate\n"
      "pairs, the adjusted Rand index and B-cubed precision/recall of the clusters, the\n"
      "documents wrongly removed (as a copy of a document of another truth cluster) and\n"
      "wrongly kept (a copy of another kept document), and the same per value of every\n"
      "other categorical field of the truth file.\n\n"
      "RUN is a dedup output directory, its documents.jsonl, or a pairs.jsonl (clusters\n"
      "are then the connected components of the pairs). TRUTH is JSON Lines with an id\n"
      "and a cluster label per document." +
      "\n\n" +

      "EXAMPLE:\n"
      "  doppel dedup corpus.jsonl -o out && doppel eval out --truth corpus.jsonl\n\n"
      "EXIT STATUS:\n  0 success, 1 failure (unreadable or malformed file), 2 usage error.");
  cmd->add_option("RUN", args->run, "Run directory, documents.jsonl or pairs.jsonl")->required();
  cmd->add_option("--truth", args->truth, "Ground truth JSON Lines")->required();
  cmd->add_option("--label-field", args->options.label_field, "Truth field with the cluster label")
      ->capture_default_str();
  cmd->add_option("--id-field", args->options.id_field, "Truth field with the document id")
      ->capture_default_str();
  cmd->add_option("--json", args->json_out, "Also write the report as JSON to this file");
  return Command{cmd, [args]() { return RunEvalCommand(*args); }};
}

}  // namespace doppel::cli
