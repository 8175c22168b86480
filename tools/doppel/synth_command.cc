#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "doppel/synth.h"
#include "io/json_writer.h"
#include "io/jsonl_writer.h"

namespace doppel::cli {
namespace {

struct SynthArgs {
  std::string out;
  std::string meta;
  SynthOptions options;
};

Status WriteLines(const std::string& path, const std::vector<SynthDocument>& docs, bool meta) {
  io::JsonlWriter file;
  DOPPEL_RETURN_IF_ERROR(file.Open(path));
  io::JsonWriter w;
  for (const SynthDocument& d : docs) {
    w.Clear();
    w.BeginObject().Key("id").String(d.id);
    if (!meta) w.Key("text").String(d.text);
    w.Key("cluster").Uint(d.cluster);
    if (meta) {
      w.Key("role").String(d.role).Key("script").String(d.script);
      if (!d.source.empty()) w.Key(d.role == "copy" ? "src" : "quotes").String(d.source);
      w.Key("ops").BeginArray();
      for (const std::string& op : d.ops) w.String(op);
      w.EndArray();
    }
    w.EndObject();
    DOPPEL_RETURN_IF_ERROR(file.Line(w.str()));
  }
  return file.Commit();
}

int RunSynthCommand(const SynthArgs& args) {
  if (args.options.min_copies < 1 || args.options.max_copies < args.options.min_copies) {
    std::fprintf(stderr, "doppel synth: need 1 <= --min-copies <= --max-copies\n");
    return kExitUsage;
  }
  std::vector<SynthDocument> docs = GenerateCorpus(args.options);
  Status s = WriteLines(args.out, docs, false);
  if (s.ok() && !args.meta.empty()) s = WriteLines(args.meta, docs, true);
  if (!s.ok()) {
    std::fprintf(stderr, "doppel synth: %s\n", s.message().c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

Command AddSynthCommand(CLI::App& app) {
  auto args = std::make_shared<SynthArgs>();
  SynthOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand("synth", "Generate a labelled near-duplicate corpus");
  cmd->footer(
      std::string("DESCRIPTION:\n") +
      "Writes a corpus of synthetic documents as JSON Lines {\"id\", \"text\", \"cluster\"}:\n"
      "pseudo-words in seven scripts (two written without spaces), site boilerplate,\n"
      "copies made by controlled edits (exact, truncate, reorder, substitute, typo,\n"
      "delete, insert, contain, boilerplate, typography, whitespace), and documents that\n"
      "quote a paragraph of an unrelated one (hard negatives). Documents sharing a\n"
      "cluster derive from one base. The same options give the same bytes." +
      "\n\n" +
      "EXAMPLE:\n  doppel synth --docs 10000 -o corpus.jsonl --meta meta.jsonl\n"
      "  doppel dedup corpus.jsonl -o out && doppel eval out --truth meta.jsonl");
  cmd->add_option("-o,--output", args->out, "Corpus JSONL to write")->required();
  cmd->add_option("--meta", args->meta,
                  "Also write per-document truth: cluster, role, script, source, ops");
  cmd->add_option("--docs", o.documents, "Documents to write")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 32));
  cmd->add_option("--seed", o.seed, "Random seed")->capture_default_str();
  cmd->add_option("--dup-rate", o.dup_rate, "Share of base documents that get copies")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-copies", o.min_copies, "Copies per duplicated base, low end")
      ->capture_default_str();
  cmd->add_option("--max-copies", o.max_copies, "Copies per duplicated base, high end")
      ->capture_default_str();
  cmd->add_option("--median-words", o.median_words, "Median length of a base's own text")
      ->capture_default_str()
      ->check(CLI::Range(10, 100000));
  cmd->add_option("--sites", o.sites, "Synthetic sites whose boilerplate wraps pages")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--quote-rate", o.quote_rate, "Share of bases quoting another's paragraph")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--non-latin-rate", o.non_latin_rate, "Share of bases in non-Latin scripts")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  return Command{cmd, [args]() { return RunSynthCommand(*args); }};
}

}  // namespace doppel::cli
