// End-to-end tests of `doppel passages` on documents with planted passages.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <random>

#include "cli/cli_runner.h"
#include "test_util.h"

namespace doppel::testing {
namespace {

// Builds documents of random words with passages planted at known places.
class PlantedCorpus {
 public:
  explicit PlantedCorpus(uint64_t seed) : rng_(seed) {}

  std::vector<std::string> Words(size_t n) { return RandomWords(rng_, n, 3, 8); }

  // Adds a document: filler, then each (label, words) part, then filler.
  // Records where each labelled part starts and ends, in words.
  void Add(const std::vector<std::pair<std::string, std::vector<std::string>>>& parts) {
    std::vector<std::string> words = Words(15 + rng_() % 20);
    for (const auto& [label, part] : parts) {
      planted_.push_back({label, docs_.size(), words.size(), words.size() + part.size()});
      words.insert(words.end(), part.begin(), part.end());
      auto filler = Words(10 + rng_() % 20);
      words.insert(words.end(), filler.begin(), filler.end());
    }
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    docs_.push_back(text);
  }

  std::string Jsonl() const {
    std::string out;
    for (size_t i = 0; i < docs_.size(); ++i) {
      out += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"" + docs_[i] +
             "\", \"n\": " + std::to_string(i) + "}\n";
    }
    return out;
  }

  struct Planted {
    std::string label;
    size_t doc;
    size_t first;  // words
    size_t end;
  };
  const std::vector<Planted>& planted() const { return planted_; }
  const std::string& doc(size_t i) const { return docs_[i]; }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> docs_;
  std::vector<Planted> planted_;
};

// The word index at byte offset `at` of a text of single-space-separated words.
size_t WordAt(const std::string& text, size_t at) {
  size_t words = 0;
  for (size_t i = 0; i < at && i < text.size(); ++i) words += text[i] == ' ';
  return words;
}

struct Found {
  size_t passage;
  size_t doc;
  size_t first;
  size_t end;
  bool boilerplate;
};

std::vector<Found> ReadPassages(const std::string& path, const PlantedCorpus& c) {
  std::vector<Found> found;
  simdjson::dom::parser parser;
  for (const std::string& line : ReadLines(path)) {
    simdjson::dom::element e = parser.parse(line);
    size_t passage = static_cast<size_t>(int64_t(e["passage"]));
    bool boilerplate = bool(e["boilerplate"]);
    for (simdjson::dom::element o : e["occurrences"].get_array()) {
      std::string id{std::string_view(o["id"])};
      size_t doc = std::stoul(id.substr(1));
      size_t start = static_cast<size_t>(int64_t(o["start"]));
      size_t end = static_cast<size_t>(int64_t(o["end"]));
      found.push_back(
          {passage, doc, WordAt(c.doc(doc), start), WordAt(c.doc(doc), end) + 1, boilerplate});
    }
  }
  return found;
}

TEST(PassagesCliTest, RecoversPlantedPassagesExactlyAndNothingElse) {
  PlantedCorpus c(11);
  auto exact = c.Words(40);
  auto edited_src = c.Words(50);
  auto edited = edited_src;
  edited[15] = "zzchanged";           // a substitution
  edited.erase(edited.begin() + 30);  // a deletion
  auto boiler = c.Words(25);
  c.Add({{"exact", exact}});
  c.Add({{"edited", edited_src}});
  c.Add({});
  c.Add({{"exact", exact}, {"boiler", boiler}});
  c.Add({{"edited", edited}});
  for (int i = 0; i < 25; ++i) c.Add({{"boiler", boiler}});
  c.Add({{"exact", exact}});
  TempDir dir;
  WriteFile(dir.File("c.jsonl"), c.Jsonl());
  CliResult r = RunDoppel({"passages", dir.File("c.jsonl"), "--boilerplate-docs", "20", "--strip",
                           "-o", dir.File("out")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Found> found = ReadPassages(dir.File("out/passages.jsonl"), c);
  // Every planted occurrence is reported, within one word at both ends.
  for (const auto& p : c.planted()) {
    bool ok = false;
    for (const Found& f : found) {
      ok = ok || (f.doc == p.doc && f.first + 1 >= p.first && f.first <= p.first + 1 &&
                  f.end + 1 >= p.end && f.end <= p.end + 1);
    }
    EXPECT_TRUE(ok) << p.label << " in d" << p.doc << " words [" << p.first << ", " << p.end << ")";
  }
  // Every reported occurrence is a planted one, and only the boilerplate
  // passage is marked as such.
  for (const Found& f : found) {
    bool planted = false;
    for (const auto& p : c.planted()) {
      if (p.doc != f.doc || f.first + 1 < p.first || f.first > p.first + 1) continue;
      planted = true;
      EXPECT_EQ(f.boilerplate, p.label == "boiler") << p.label;
    }
    EXPECT_TRUE(planted) << "unplanted occurrence in d" << f.doc << " words [" << f.first << ", "
                         << f.end << ")";
  }
  // --strip keeps each passage in its first occurrence and records each cut.
  auto stripped = ReadLines(dir.File("out/stripped.jsonl"));
  auto removed = ReadLines(dir.File("out/removed.jsonl"));
  ASSERT_EQ(stripped.size(), 31u);
  EXPECT_NE(stripped[0].find(exact[5]), std::string::npos);  // first occurrence kept
  EXPECT_EQ(stripped[30].find(exact[5] + " " + exact[6]), std::string::npos);  // repeat cut
  EXPECT_NE(stripped[30].find("\"n\":30"), std::string::npos);                 // other fields kept
  EXPECT_EQ(removed.size(), 2u + 1u + 25u);  // all but the first: exact 3 docs, edited 2, boiler 26
}

TEST(PassagesCliTest, BadInputAndUsage) {
  TempDir dir;
  WriteFile(dir.File("c.jsonl"), "{\"id\": 1, \"text\": \"short\"}\nnot json\n");
  CliResult r = RunDoppel({"passages", dir.File("c.jsonl"), "-o", dir.File("out"), "--strip"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(dir.File("out/removed.jsonl")).find("c.jsonl:2: malformed JSON"),
            std::string::npos);
  r = RunDoppel({"passages", dir.File("c.jsonl"), "-o", dir.File("o2"), "--min-words", "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--min-words"), std::string::npos) << r.err;
  r = RunDoppel({"passages", "/no/such.jsonl", "-o", dir.File("o3")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/no/such.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace doppel::testing
