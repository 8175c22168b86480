#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "doppel/align.h"
#include "io/document_reader.h"
#include "io/json_writer.h"

namespace doppel::cli {
namespace {

struct AlignArgs {
  std::string a;
  std::string b;
  std::string corpus;
  InputOptions input;
  bool json = false;
  int width = 0;
  AlignOptions options;
};

struct Loaded {
  std::string id;
  std::string text;
};

// Reads a document: a file, or (with --corpus) the document of that id.
Status Load(const AlignArgs& args, std::vector<Loaded>* docs) {
  std::vector<std::string> wanted{args.a, args.b};
  io::ReaderOptions ro;
  ro.input = args.input;
  if (args.corpus.empty()) {
    for (const std::string& path : wanted) {
      io::InputFile f;
      DOPPEL_RETURN_IF_ERROR(io::CheckReadable(path));
      f.path = path;
      f.name = path;
      f.text_id = path;
      f.format = io::InputFormat::kText;
      std::vector<io::InputFile> files{f};
      io::DocumentReader reader(files, ro);
      io::Document d;
      DOPPEL_ASSIGN_OR_RETURN(bool got, reader.Next(&d));
      if (!got || !d.reject.empty()) return Status::DataError(path + ": " + d.reject);
      docs->push_back({d.id, d.text});
    }
    return Status::Ok();
  }
  DOPPEL_ASSIGN_OR_RETURN(auto files, io::ExpandInputs({args.corpus}, ""));
  docs->resize(2);
  bool found[2] = {false, false};
  io::DocumentReader reader(files, ro);
  io::Document d;
  for (;;) {
    DOPPEL_ASSIGN_OR_RETURN(bool got, reader.Next(&d));
    if (!got) break;
    for (int k = 0; k < 2; ++k) {
      if (!found[k] && d.id == wanted[k]) {
        if (!d.reject.empty()) {
          return Status::DataError(io::DocumentLocation(files, d) + ": " + d.reject);
        }
        (*docs)[k] = {d.id, d.text};
        found[k] = true;
      }
    }
  }
  for (int k = 0; k < 2; ++k) {
    if (!found[k])
      return Status::NotFound(args.corpus + ": no document with id '" + wanted[k] + "'");
  }
  return Status::Ok();
}

// Wraps `text` (white space collapsed) into lines of at most `width` bytes.
std::vector<std::string> Wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i) break;
    std::string_view word = text.substr(i, j - i);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line.push_back(' ');
    line.append(word);
    i = j;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// Display width of a UTF-8 string, counting code points.
size_t Columns(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void PrintSideBySide(const Loaded& a, const Loaded& b, const std::vector<AlignedPassage>& ps,
                     int width) {
  size_t col = static_cast<size_t>(std::max(30, (width - 3) / 2));
  std::printf("%zu shared passage%s between\n  A: %s\n  B: %s\n", ps.size(),
              ps.size() == 1 ? "" : "s", a.id.c_str(), b.id.c_str());
  for (size_t k = 0; k < ps.size(); ++k) {
    const AlignedPassage& p = ps[k];
    std::printf("\n[%zu] %u words, similarity %.2f   A bytes [%u, %u)   B bytes [%u, %u)\n", k + 1,
                p.a_tokens, p.similarity, p.a_start, p.a_end, p.b_start, p.b_end);
    auto left = Wrap(std::string_view(a.text).substr(p.a_start, p.a_end - p.a_start), col);
    auto right = Wrap(std::string_view(b.text).substr(p.b_start, p.b_end - p.b_start), col);
    for (size_t r = 0; r < std::max(left.size(), right.size()); ++r) {
      std::string l = r < left.size() ? left[r] : "";
      std::string rt = r < right.size() ? right[r] : "";
      size_t pad = col > Columns(l) ? col - Columns(l) : 0;
      std::printf("%s%*s | %s\n", l.c_str(), static_cast<int>(pad), "", rt.c_str());
    }
  }
}

std::string ToJson(const Loaded& a, const Loaded& b, const std::vector<AlignedPassage>& ps) {
  io::JsonWriter w;
  w.BeginObject().Key("a").String(a.id).Key("b").String(b.id).Key("passages").BeginArray();
  for (const AlignedPassage& p : ps) {
    w.BeginObject()
        .Key("a_start")
        .Uint(p.a_start)
        .Key("a_end")
        .Uint(p.a_end)
        .Key("b_start")
        .Uint(p.b_start)
        .Key("b_end")
        .Uint(p.b_end)
        .Key("words")
        .Uint(p.a_tokens)
        .Key("similarity")
        .Double(p.similarity)
        .EndObject();
  }
  w.EndArray().EndObject();
  return w.str();
}

int RunAlignCommand(const AlignArgs& args) {
  std::vector<Loaded> docs;
  Status s = Load(args, &docs);
  if (!s.ok()) {
    std::fprintf(stderr, "doppel align: %s\n", s.message().c_str());
    return kExitFailure;
  }
  Normalizer normalizer{NormalizeOptions{}};
  NormalizedText na;
  NormalizedText nb;
  normalizer.Normalize(docs[0].text, &na);
  normalizer.Normalize(docs[1].text, &nb);
  std::vector<AlignedPassage> passages = AlignDocuments(na, nb, args.options);
  if (args.json) {
    std::printf("%s\n", ToJson(docs[0], docs[1], passages).c_str());
  } else {
    int width = args.width > 0 ? args.width : 120;
    PrintSideBySide(docs[0], docs[1], passages, width);
  }
  return kExitOk;
}

}  // namespace

Command AddAlignCommand(CLI::App& app) {
  auto args = std::make_shared<AlignArgs>();
  CLI::App* cmd = app.add_subcommand("align", "Show the passages two documents share");
  cmd->footer(
      std::string("DESCRIPTION:\n") +
      "Reports every passage documents A and B share: where it is in each original text\n"
      "(byte offsets [start, end) of the UTF-8 text), its length in words, and its\n"
      "similarity (the share of the two spans' words that match). Small edits inside a\n"
      "passage -- a reworded clause, a changed spelling -- do not split it: matching\n"
      "stretches separated by at most --max-gap differing words are one passage.\n\n"
      "A and B are text files, or with --corpus, ids of documents in a JSONL corpus." +
      "\n\n" +

      "OUTPUT:\n"
      "  On a terminal, each passage side by side (A left, B right). With --json:\n"
      "  {\"a\": id, \"b\": id, \"passages\": [{\"a_start\", \"a_end\", \"b_start\", \"b_end\",\n"
      "  \"words\", \"similarity\"}]}\n\n"
      "EXAMPLES:\n"
      "  doppel align story.txt repost.txt\n"
      "  doppel align doc17 doc42 --corpus crawl.jsonl --json\n\n"
      "EXIT STATUS:\n  0 success, 1 failure (unreadable input, unknown id), 2 usage error.");
  cmd->add_option("A", args->a, "First document (file, or id with --corpus)")->required();
  cmd->add_option("B", args->b, "Second document (file, or id with --corpus)")->required();
  cmd->add_option("--corpus", args->corpus, "JSONL corpus in which A and B are ids");
  cmd->add_option("--text-field", args->input.text_field, "JSONL field holding the text")
      ->capture_default_str();
  cmd->add_option("--id-field", args->input.id_field, "JSONL field holding the id")
      ->capture_default_str();
  cmd->add_option("--min-words", args->options.min_words, "Shortest passage reported, in words")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--max-gap", args->options.max_gap,
                  "Differing words allowed inside a passage, on either side")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  cmd->add_option("--seed-words", args->options.seed_words, "Identical words that start a match")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--json", args->json, "Write JSON instead of the side-by-side view");
  cmd->add_option("--width", args->width, "Width of the side-by-side view [default: 120]");
  return Command{cmd, [args]() { return RunAlignCommand(*args); }};
}

}  // namespace doppel::cli
