#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "doppel/passages.h"
#include "terminal.h"

namespace doppel::cli {
namespace {

struct PassagesArgs {
  std::vector<std::string> inputs;
  std::string out_dir;
  std::optional<uint32_t> boilerplate;
  bool quiet = false;
  PassageOptions options;
};

int RunPassagesCommand(PassagesArgs& args) {
  args.options.boilerplate_documents = args.boilerplate;
  Status valid = ValidatePassageOptions(args.options);
  if (!valid.ok()) {
    std::fprintf(stderr, "doppel passages: %s\n", valid.message().c_str());
    return kExitUsage;
  }
  TerminalObserver observer(args.quiet);
  Result<PassageSummary> r = FindPassages(args.inputs, args.out_dir, args.options, &observer);
  observer.Finish();
  if (!r.ok()) {
    std::fprintf(stderr, "doppel passages: %s\n", r.status().message().c_str());
    return r.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  if (args.quiet) return kExitOk;
  const PassageSummary& s = *r;
  std::printf("doppel passages: %s documents read (%s rejected)\n", WithCommas(s.documents).c_str(),
              WithCommas(s.rejected).c_str());
  std::printf("  %s repeated passages of %d+ words in %s documents (%s occurrences)\n",
              WithCommas(s.passages).c_str(), args.options.min_words,
              WithCommas(s.documents_with_passages).c_str(), WithCommas(s.occurrences).c_str());
  std::printf("  %s marked boilerplate (in more than %u documents)\n",
              WithCommas(s.boilerplate_passages).c_str(), s.boilerplate_documents);
  if (args.options.strip) {
    std::printf("  stripped %s bytes of repeats; every cut is in removed.jsonl\n",
                WithCommas(s.removed_bytes).c_str());
  }
  std::printf("  wrote %s/passages.jsonl%s and stats.json in %.2f s\n", args.out_dir.c_str(),
              args.options.strip ? ", stripped.jsonl, removed.jsonl" : "", s.seconds);
  return kExitOk;
}

}  // namespace

Command AddPassagesCommand(CLI::App& app) {
  auto args = std::make_shared<PassagesArgs>();
  PassageOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand("passages", "Find passages repeated across documents");
  cmd->footer(
      "DESCRIPTION:\n"
      "Finds every passage of at least --min-words words that occurs in more than one\n"
      "document. Documents are indexed by winnowed seeds (any shared run of --min-words\n"
      "identical words shares a seed); each pair of documents sharing a seed is aligned,\n"
      "tolerating small edits, and aligned spans are grouped into passages. Passages in\n"
      "many documents are marked as boilerplate. INPUT is read as by doppel dedup.\n\n"
      "OUTPUT (in OUTDIR):\n"
      "  passages.jsonl  {\"passage\", \"documents\", \"boilerplate\", \"words\",\n"
      "                  \"occurrences\": [{\"id\", \"start\", \"end\", \"words\"}]}, byte "
      "offsets\n"
      "                  of the original text\n"
      "  stripped.jsonl  with --strip: the corpus with each passage kept only in its first\n"
      "                  occurrence (JSONL documents keep all their other fields)\n"
      "  removed.jsonl   with --strip: every cut, and where the passage was kept\n"
      "  stats.json      counts and parameters\n\n"
      "EXAMPLE:\n  doppel passages crawl.jsonl --strip -o out\n\n"
      "EXIT STATUS:\n  0 success, 1 failure, 2 usage error.");
  cmd->add_option("INPUT", args->inputs, "Directories, JSONL or text files, or - for stdin")
      ->required();
  cmd->add_option("-o,--output", args->out_dir, "Output directory (created if needed)")->required();
  cmd->add_option("--min-words", o.min_words, "Shortest passage reported, in words")
      ->capture_default_str();
  cmd->add_option("--seed-words", o.seed_words, "Words per seed")->capture_default_str();
  cmd->add_option("--max-gap", o.max_gap, "Differing words allowed inside a passage")
      ->capture_default_str();
  cmd->add_option("--boilerplate-docs", args->boilerplate,
                  "Passages in more documents are boilerplate [default: 0.1% of documents, "
                  "at least 20]");
  cmd->add_flag("--strip", o.strip, "Write the corpus with each passage kept once");
  cmd->add_option("--text-field", o.input.text_field, "JSONL field holding the text")
      ->capture_default_str();
  cmd->add_option("--id-field", o.input.id_field, "JSONL field holding the id")
      ->capture_default_str();
  cmd->add_option("--max-doc-bytes", o.input.max_doc_bytes, "Reject larger documents (K, M, G)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str();
  cmd->add_option("--threads", o.threads, "Worker threads (0: all cores)")->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing but errors");
  return Command{cmd, [args]() { return RunPassagesCommand(*args); }};
}

}  // namespace doppel::cli
