#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "doppel/dedup.h"
#include "terminal.h"

namespace doppel::cli {
namespace {

struct DedupArgs {
  std::vector<std::string> inputs;
  std::string out_dir;
  std::string shingle_kind = "word";
  int shingle_size = 0;  // 0: the kind's default
  std::string keep = "longest";
  bool no_containment = false;
  bool no_nfkc = false;
  bool no_casefold = false;
  bool keep_punctuation = false;
  bool no_split_unspaced = false;
  bool quiet = false;
  std::optional<uint32_t> common_df;
  DedupOptions options;
};

constexpr const char* kDescription =
    "Reads a corpus and writes it back without duplicates, with the evidence.\n\n"
    "INPUT is a directory of text files (read recursively; each file is one document\n"
    "whose id is its path relative to the directory), a JSON Lines file (one object per\n"
    "line, text in --text-field, id in --id-field, else FILE:LINE), a single text file,\n"
    "or '-' for JSON Lines on standard input. Files may be gzip or zstd compressed.\n"
    "Names ending in .jsonl, .ndjson or .json (optionally .gz/.zst) are JSON Lines.\n\n"
    "Documents are normalised (Unicode NFKC, case folding, punctuation dropped) and\n"
    "cut into word 5-gram shingles; shingles found in very many documents (boilerplate:\n"
    "navigation, footers, cookie notices) are left out of comparisons (--common-df).\n"
    "Documents are sketched (MinHash) and indexed twice: LSH bands find\n"
    "pairs of high Jaccard similarity, an anchor index finds documents lying mostly\n"
    "inside others. Every candidate pair is verified exactly before it links documents.\n"
    "Exact copies, near-duplicates (Jaccard >= --threshold) and contained documents\n"
    "(containment >= --containment) are clustered; one document per cluster is kept.\n"
    "See docs/dedup.md for the rules and docs/quality.md for why these defaults.";

constexpr const char* kFooter =
    "OUTPUT (in OUTDIR, each file written atomically):\n"
    "  documents.jsonl  one line per input document, in input order: id, status\n"
    "                   (kept, duplicate or rejected), cluster, duplicate_of, score,\n"
    "                   match (exact, near, contained, transitive), reason\n"
    "  kept.jsonl       the kept documents with all their original fields\n"
    "  pairs.jsonl      verified pairs: jaccard, a_in_b, b_in_a, relation\n"
    "  stats.json       counts, every parameter used, time per stage\n\n"
    "BAD INPUT:\n"
    "  Invalid UTF-8, malformed JSON, a missing or non-string text field, an empty\n"
    "  document or one over --max-doc-bytes is recorded as rejected with a reason\n"
    "  naming its file and line, and the run goes on (--strict stops instead).\n"
    "  A missing or unreadable input stops the run before any work.\n\n"
    "EXIT STATUS:\n"
    "  0 success, 1 failure (I/O error, or bad input under --strict), 2 usage error.\n\n"
    "EXAMPLES:\n"
    "  doppel dedup examples/corpus -o out\n"
    "  doppel dedup crawl.jsonl.zst --text-field content --threads 8 -o out\n"
    "  zcat pages.jsonl.gz | doppel dedup - --threshold 0.8 --keep first -o out";

int RunDedupCommand(DedupArgs& args) {
  DedupOptions& o = args.options;
  if (!ParseShingleKind(args.shingle_kind, &o.shingle.kind)) {
    std::fprintf(stderr, "doppel dedup: --shingle must be 'word' or 'char'\n");
    return kExitUsage;
  }
  o.shingle.size =
      args.shingle_size > 0 ? args.shingle_size : (o.shingle.kind == ShingleKind::kWord ? 5 : 9);
  if (!ParseKeepPolicy(args.keep, &o.keep)) {
    std::fprintf(stderr, "doppel dedup: --keep must be 'longest' or 'first'\n");
    return kExitUsage;
  }
  o.containment = !args.no_containment;
  o.common_df = args.common_df;
  o.normalize.nfkc = !args.no_nfkc;
  o.normalize.casefold = !args.no_casefold;
  o.normalize.strip_punctuation = !args.keep_punctuation;
  o.normalize.split_unspaced_scripts = !args.no_split_unspaced;
  Status valid = ValidateDedupOptions(o);
  if (!valid.ok()) {
    std::fprintf(stderr, "doppel dedup: %s\n", valid.message().c_str());
    return kExitUsage;
  }
  TerminalObserver observer(args.quiet);
  Result<DedupSummary> result = RunDedup(args.inputs, args.out_dir, o, &observer);
  observer.Finish();
  if (!result.ok()) {
    std::fprintf(stderr, "doppel dedup: %s\n", result.status().message().c_str());
    return result.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  if (args.quiet) return kExitOk;
  const DedupSummary& s = *result;
  std::printf("doppel dedup: %s documents read\n", WithCommas(s.read).c_str());
  std::printf("  kept       %12s\n", WithCommas(s.kept).c_str());
  std::printf("  duplicate  %12s   (exact %s, near %s, contained %s, transitive %s)\n",
              WithCommas(s.duplicate).c_str(), WithCommas(s.by_match[0]).c_str(),
              WithCommas(s.by_match[1]).c_str(), WithCommas(s.by_match[2]).c_str(),
              WithCommas(s.by_match[3]).c_str());
  std::printf("  rejected   %12s\n", WithCommas(s.rejected).c_str());
  std::printf("  clusters with duplicates: %s (largest: %s documents)\n",
              WithCommas(s.clusters).c_str(), WithCommas(s.largest_cluster).c_str());
  if (o.exact) {
    std::printf("  %s %d-gram shingles; exact reference: every pair sharing a shingle scored\n",
                std::string(ShingleKindName(o.shingle.kind)).c_str(), o.shingle.size);
  } else {
    std::printf(
        "  %s %d-gram shingles; MinHash %d hashes; LSH %d bands x %d rows, "
        "P(candidate | Jaccard %.2f) = %.3f\n",
        std::string(ShingleKindName(o.shingle.kind)).c_str(), o.shingle.size, o.num_hashes,
        s.lsh.bands, s.lsh.rows, o.thresholds.jaccard, s.collision_at_threshold);
  }
  std::printf("  thresholds: Jaccard %.2f, containment %s; %s candidate pairs, %s verified\n",
              o.thresholds.jaccard,
              o.containment ? std::to_string(o.thresholds.containment).substr(0, 4).c_str() : "off",
              WithCommas(s.candidate_pairs).c_str(), WithCommas(s.verified_pairs).c_str());
  if (s.duplicate_ids > 0) {
    std::printf("  warning: %s documents repeat an earlier id\n",
                WithCommas(s.duplicate_ids).c_str());
  }
  std::printf("  wrote %s/{documents,kept,pairs}.jsonl and stats.json in %.2f s\n",
              args.out_dir.c_str(), s.seconds);
  return kExitOk;
}

}  // namespace

Command AddDedupCommand(CLI::App& app) {
  auto args = std::make_shared<DedupArgs>();
  DedupOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand("dedup", "Find duplicate documents and keep one of each");
  // The subcommand list shows the one-line description; the whole text
  // leads the footer of `doppel dedup --help`.
  cmd->footer(std::string("DESCRIPTION:\n") + kDescription + "\n\n" + kFooter);
  cmd->add_option("INPUT", args->inputs, "Directories, JSONL or text files, or - for stdin")
      ->required();
  cmd->add_option("-o,--output", args->out_dir, "Output directory (created if needed)")
      ->required()
      ->option_text("OUTDIR REQUIRED");

  const char* detect = "Detection";
  cmd->add_option("--threshold", o.thresholds.jaccard,
                  "Jaccard similarity at which two documents are near-duplicates")
      ->capture_default_str()
      ->group(detect);
  cmd->add_option("--containment", o.thresholds.containment,
                  "Share of a document's shingles inside another that makes it a duplicate")
      ->capture_default_str()
      ->group(detect);
  cmd->add_option("--container-share", o.thresholds.container_share,
                  "A contained document at least this share of its container merges with it "
                  "outright; a smaller one joins one container only")
      ->capture_default_str()
      ->group(detect);
  cmd->add_option("--min-contained-shingles", o.thresholds.min_contained_shingles,
                  "Shingles a smaller contained document must share with its container")
      ->capture_default_str()
      ->group(detect);
  cmd->add_flag("--no-containment", args->no_containment,
                "Only exact copies and Jaccard near-duplicates")
      ->group(detect);
  cmd->add_option("--common-df", args->common_df,
                  "Leave out of comparisons shingles found in more documents than this "
                  "(boilerplate); 0 keeps all [default: 0.1% of documents, at least 20]")
      ->group(detect);
  cmd->add_option("--shingle", args->shingle_kind, "Shingle kind: word or char")
      ->capture_default_str()
      ->group(detect);
  cmd->add_option("--shingle-size", args->shingle_size,
                  "Tokens per shingle [default: 5 words, 9 chars]")
      ->group(detect);
  cmd->add_flag("--exact", o.exact,
                "Exact reference: score every pair sharing a shingle, no sketches "
                "(slow; up to about 100k documents)")
      ->group(detect);
  cmd->add_option("--num-hashes", o.num_hashes, "MinHash signature length")
      ->capture_default_str()
      ->group(detect);
  cmd->add_option("--bands", o.bands, "LSH bands [default: chosen from --threshold]")
      ->group(detect);
  cmd->add_option("--rows", o.rows, "LSH rows per band [default: chosen from --threshold]")
      ->group(detect);
  cmd->add_option("--seed", o.seed, "Seed of the MinHash hash functions")
      ->capture_default_str()
      ->group(detect);
  cmd->add_option("--keep", args->keep,
                  "Which member of a cluster to keep: longest (most text) or first (input order)")
      ->capture_default_str()
      ->group(detect);

  const char* norm = "Normalisation";
  cmd->add_flag("--no-nfkc", args->no_nfkc, "Do not apply Unicode NFKC")->group(norm);
  cmd->add_flag("--no-casefold", args->no_casefold, "Keep letter case")->group(norm);
  cmd->add_flag("--keep-punctuation", args->keep_punctuation,
                "Make punctuation and symbols tokens instead of dropping them")
      ->group(norm);
  cmd->add_flag("--no-split-unspaced", args->no_split_unspaced,
                "Do not split Han, Kana, Thai, Lao, Khmer, Myanmar text into characters")
      ->group(norm);

  const char* input = "Input";
  cmd->add_option("--text-field", o.input.text_field, "JSONL field holding the text")
      ->capture_default_str()
      ->group(input);
  cmd->add_option("--id-field", o.input.id_field, "JSONL field holding the id")
      ->capture_default_str()
      ->group(input);
  cmd->add_option("--max-doc-bytes", o.input.max_doc_bytes,
                  "Reject documents larger than this (suffixes K, M, G)")
      ->transform(CLI::AsSizeValue(false))
      ->capture_default_str()
      ->group(input);
  cmd->add_flag("--strict", o.strict, "Stop at the first rejected document")->group(input);

  const char* anchors = "Containment index (advanced)";
  cmd->add_option("--anchor-sampling", o.anchors.sampling,
                  "One shingle in N (by hash) is an anchor")
      ->capture_default_str()
      ->group(anchors);
  cmd->add_option("--max-anchors", o.anchors.max_anchors, "Anchors kept per document (0: all)")
      ->capture_default_str()
      ->group(anchors);
  cmd->add_option("--max-anchor-df", o.anchors.max_df,
                  "Ignore anchors found in more documents than this (0: no limit)")
      ->capture_default_str()
      ->group(anchors);
  cmd->add_option("--min-shared-anchors", o.anchors.min_shared,
                  "Anchors a pair must share to be verified")
      ->capture_default_str()
      ->group(anchors);

  const char* run_group = "Run";
  cmd->add_option("--threads", o.threads, "Worker threads (0: all cores); output is the same")
      ->capture_default_str()
      ->group(run_group);
  cmd->add_option("--memory-limit", o.memory_limit,
                  "Memory to stay under, e.g. 4G (K, M, G: powers of 1024); stages that would "
                  "use more spill to disk. Output is the same")
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            return value.find('-') != std::string::npos ? "must not be negative" : "";
          },
          ""))
      ->transform(CLI::AsSizeValue(false))
      ->group(run_group);
  cmd->add_flag("-q,--quiet", args->quiet, "Print nothing but errors")->group(run_group);

  return Command{cmd, [args]() { return RunDedupCommand(*args); }};
}

}  // namespace doppel::cli
