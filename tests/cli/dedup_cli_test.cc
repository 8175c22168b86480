// End-to-end tests of `doppel dedup`, run as a user runs it.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_runner.h"
#include "test_util.h"

namespace doppel::testing {
namespace {

std::string Q(const std::string& s) { return "\"" + s + "\""; }

// Checks the invariants every run must keep, and returns documents.jsonl.
std::vector<std::map<std::string, std::string>> CheckAccounting(const std::string& out) {
  auto docs = ReadJsonl(out + "/documents.jsonl");
  std::string stats = ReadFile(out + "/stats.json");
  size_t kept = 0;
  size_t dup = 0;
  size_t rej = 0;
  for (auto& d : docs) {
    EXPECT_EQ(d.count("__error__"), 0u);
    if (d["status"] == Q("kept")) ++kept;
    if (d["status"] == Q("duplicate")) {
      ++dup;
      EXPECT_TRUE(d.count("duplicate_of") && d.count("score") && d.count("match"));
    }
    if (d["status"] == Q("rejected")) {
      ++rej;
      EXPECT_TRUE(d.count("reason"));
    }
  }
  EXPECT_EQ(kept + dup + rej, docs.size());
  EXPECT_EQ(ReadLines(out + "/kept.jsonl").size(), kept);
  EXPECT_NE(stats.find("\"read\": " + std::to_string(docs.size())), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"kept\": " + std::to_string(kept)), std::string::npos);
  EXPECT_NE(stats.find("\"duplicate\": " + std::to_string(dup)), std::string::npos);
  EXPECT_NE(stats.find("\"rejected\": " + std::to_string(rej)), std::string::npos);
  return docs;
}

// The five real pages of one news story, kept outside the repository in the
// team's shared folder (beside the checkout, as in CI).
std::string SeedsDir() {
  const char* dir = std::getenv("DOPPEL_SEEDS_DIR");
  return dir ? dir : SourceDir() + "/../shared/corpus/seeds";
}

TEST(DedupCliTest, SeedsVerdict) {
  if (!std::filesystem::exists(SeedsDir())) {
    GTEST_SKIP() << "no seed corpus at " << SeedsDir() << " (set DOPPEL_SEEDS_DIR)";
  }
  TempDir out;
  CliResult r = RunDoppel({"dedup", SeedsDir(), "-o", out.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = CheckAccounting(out.path());
  ASSERT_EQ(docs.size(), 5u);
  std::map<std::string, std::map<std::string, std::string>> by;
  for (auto& d : docs) by[d["id"].substr(1, 3)] = d;
  // 001, 002 and 004 form one cluster with exactly one kept.
  EXPECT_EQ(by["001"]["cluster"], by["002"]["cluster"]);
  EXPECT_EQ(by["002"]["cluster"], by["004"]["cluster"]);
  int kept = (by["001"]["status"] == Q("kept")) + (by["002"]["status"] == Q("kept")) +
             (by["004"]["status"] == Q("kept"));
  EXPECT_EQ(kept, 1);
  // 000 and 003 are kept, each in a cluster of its own.
  EXPECT_EQ(by["000"]["status"], Q("kept"));
  EXPECT_EQ(by["003"]["status"], Q("kept"));
  EXPECT_NE(by["000"]["cluster"], by["001"]["cluster"]);
  EXPECT_NE(by["003"]["cluster"], by["001"]["cluster"]);
  EXPECT_NE(by["000"]["cluster"], by["003"]["cluster"]);
  EXPECT_NE(r.out.find("5 documents read"), std::string::npos) << r.out;
}

TEST(DedupCliTest, ExampleCorpus) {
  TempDir out;
  CliResult r = RunDoppel({"dedup", SourceDir() + "/examples/corpus", "-o", out.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = CheckAccounting(out.path());
  EXPECT_GE(docs.size(), 20u);
  std::map<std::string, std::map<std::string, std::string>> by;
  for (auto& d : docs) by[d["id"]] = d;
  // The syndicated story: every copy and the wire original share one cluster.
  std::string cluster = by[Q("news/bridge-wire.txt")]["cluster"];
  for (const char* copy :
       {"news/bridge-gazette.txt", "news/bridge-courier.txt", "news/bridge-truncated.txt",
        "news/bridge-roundup.txt", "news/bridge-exact-copy.txt"}) {
    EXPECT_EQ(by[Q(copy)]["cluster"], cluster) << copy;
  }
  // Unrelated pages on the same topic, and the rewrite, stand alone.
  for (const char* own :
       {"news/bridge-opinion.txt", "news/bridge-rewrite.txt", "news/ferry-timetable.txt"}) {
    EXPECT_EQ(by[Q(own)]["status"], Q("kept")) << own;
    EXPECT_NE(by[Q(own)]["cluster"], cluster) << own;
  }
  // The non-Latin copies find each other.
  EXPECT_EQ(by[Q("intl/zh-bridge.txt")]["cluster"], by[Q("intl/zh-bridge-copy.txt")]["cluster"]);
  EXPECT_EQ(by[Q("intl/ru-bridge.txt")]["cluster"], by[Q("intl/ru-bridge-copy.txt")]["cluster"]);
  EXPECT_NE(by[Q("intl/ru-bridge.txt")]["cluster"], by[Q("intl/zh-bridge.txt")]["cluster"]);
}

TEST(DedupCliTest, EveryBadInputIsRejectedWithFileAndLine) {
  TempDir dir;
  std::string good = "the quick brown fox jumps over the lazy dog again and again";
  WriteFile(dir.File("in.jsonl"), "{\"id\": \"ok\", \"text\": \"" + good +
                                      "\"}\n"
                                      "{\"id\": \"bad-json\", \"text\": \n"
                                      "{\"id\": \"utf8\", \"text\": \"bad \xFF byte\"}\n"
                                      "{\"id\": \"missing\"}\n"
                                      "{\"id\": \"number\", \"text\": 12}\n"
                                      "{\"id\": \"empty\", \"text\": \" ... \"}\n"
                                      "{\"id\": \"huge\", \"text\": \"" +
                                      std::string(3000, 'x') + "\"}\n");
  TempDir out;
  CliResult r =
      RunDoppel({"dedup", dir.File("in.jsonl"), "--max-doc-bytes", "2K", "-o", out.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = CheckAccounting(out.path());
  ASSERT_EQ(docs.size(), 7u);
  EXPECT_EQ(docs[0]["status"], Q("kept"));
  const char* reasons[] = {"malformed JSON",  "invalid UTF-8",
                           "no field 'text'", "is a number, not a string",
                           "empty document",  "over --max-doc-bytes"};
  for (int i = 1; i < 7; ++i) {
    EXPECT_EQ(docs[i]["status"], Q("rejected"));
    const std::string& reason = docs[i]["reason"];
    EXPECT_NE(reason.find("in.jsonl:" + std::to_string(i + 1) + ": "), std::string::npos) << reason;
    EXPECT_NE(reason.find(reasons[i - 1]), std::string::npos) << reason;
  }
}

TEST(DedupCliTest, StrictStopsAtTheFirstBadDocument) {
  TempDir dir;
  WriteFile(dir.File("in.jsonl"), "{\"id\": 1, \"text\": \"fine text\"}\n{\"id\": 2}\n");
  TempDir out;
  CliResult r = RunDoppel({"dedup", dir.File("in.jsonl"), "--strict", "-o", out.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("in.jsonl:2: no field 'text'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out.File("documents.jsonl")));
}

TEST(DedupCliTest, MissingInputFailsBeforeAnyWork) {
  TempDir out;
  CliResult r = RunDoppel({"dedup", "/no/such/corpus.jsonl", "-o", out.File("o")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/no/such/corpus.jsonl"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out.File("o")));
}

TEST(DedupCliTest, UsageErrorsNameTheOption) {
  TempDir out;
  std::string seeds = SourceDir() + "/examples/corpus";
  CliResult r = RunDoppel({"dedup", seeds, "--threshold", "1.5", "-o", out.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--threshold"), std::string::npos) << r.err;
  r = RunDoppel({"dedup", seeds, "--bands", "50", "--rows", "5", "-o", out.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--num-hashes"), std::string::npos) << r.err;
  r = RunDoppel({"dedup", seeds, "--no-such-flag", "-o", out.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
  r = RunDoppel({"dedup", seeds});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--output"), std::string::npos) << r.err;
  r = RunDoppel({"dedup", seeds, "--keep", "random", "-o", out.path()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--keep"), std::string::npos) << r.err;
  for (const char* bad : {"4X", "-5", "-1G"}) {
    r = RunDoppel({"dedup", seeds, "--memory-limit", bad, "-o", out.path()});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--memory-limit"), std::string::npos) << r.err;
  }
}

TEST(DedupCliTest, HelpReadsLikeAManPage) {
  CliResult r = RunDoppel({"dedup", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* part :
       {"INPUT", "--threshold", "--containment", "documents.jsonl", "EXIT STATUS", "EXAMPLES"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part;
  }
  r = RunDoppel({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("dedup"), std::string::npos);
  r = RunDoppel({"--version"});
  EXPECT_EQ(r.exit_code, 0);
}

TEST(DedupCliTest, SameBytesWhateverTheThreadCount) {
  TempDir one;
  TempDir two;
  std::string corpus = SourceDir() + "/examples/corpus";
  ASSERT_EQ(RunDoppel({"dedup", corpus, "--threads", "1", "-o", one.path()}).exit_code, 0);
  ASSERT_EQ(RunDoppel({"dedup", corpus, "--threads", "2", "-o", two.path()}).exit_code, 0);
  for (const char* f : {"documents.jsonl", "kept.jsonl", "pairs.jsonl"}) {
    EXPECT_EQ(ReadFile(one.File(f)), ReadFile(two.File(f))) << f;
  }
  // stats.json differs only in its "run" block (threads and wall-clock seconds).
  auto strip = [](std::string s) { return s.substr(0, s.find("\"run\":")); };
  EXPECT_EQ(strip(ReadFile(one.File("stats.json"))), strip(ReadFile(two.File("stats.json"))));
}

TEST(DedupCliTest, ReadsStandardInputAndCompressedFiles) {
  TempDir dir;
  std::string a = "{\"id\": \"a\", \"text\": \"one two three four five six seven eight\"}\n";
  std::string b = "{\"id\": \"b\", \"text\": \"One, two; three four five six seven eight!\"}\n";
  TempDir out;
  CliResult r = RunDoppel({"dedup", "-", "-o", out.path()}, a + b);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = CheckAccounting(out.path());
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1]["duplicate_of"], Q("a"));
  EXPECT_EQ(docs[1]["match"], Q("exact"));
  EXPECT_EQ(ReadFile(out.File("kept.jsonl")), a);  // the original line, verbatim
  EXPECT_FALSE(std::filesystem::exists(out.File(".doppel-tmp")));
}

TEST(DedupCliTest, KeptLinesAreTheInputLinesWhateverEndsThem) {
  // kept.jsonl copies kept lines from the input by byte range: a byte order
  // mark, "\r\n" ends, blank lines, removed and rejected lines between kept
  // ones and a last line without "\n" must still give each kept line as
  // the reader saw it, with one "\n". A text file in the same run is read
  // again and written as {"id", "text"}.
  TempDir dir;
  const std::string a = "{\"id\":\"a\",\"text\":\"alpha beta gamma delta epsilon\"}";
  const std::string b = "{\"id\":\"b\",\"text\":\"zeta eta theta iota kappa\"}";
  const std::string c = "{\"id\":\"c\",\"text\":\"lambda mu nu xi omicron\"}";
  const std::string d = "{\"id\":\"d\",\"text\":\"alpha beta gamma delta epsilon\"}";
  const std::string e = "{\"id\":\"e\",\"text\":\"pi rho sigma tau upsilon\"}";
  const std::string f = "{\"id\":\"f\",\"text\":\"phi chi psi omega one\"}";
  const std::string g = "{\"id\":\"g\",\"text\":\"two three four five six\"}";
  WriteFile(dir.File("in/1.jsonl"), "\xEF\xBB\xBF" + a + "\r\n" + b + "\n\n" + c + "\n" + d +
                                        "\n{broken\n" + e + "\r\n" + f + "\n" + g);
  WriteFile(dir.File("in/2.txt"), "seven eight nine ten eleven");
  TempDir out;
  CliResult r = RunDoppel({"dedup", dir.File("in"), "-o", out.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = CheckAccounting(out.path());
  ASSERT_EQ(docs.size(), 9u);
  EXPECT_EQ(docs[3]["status"], Q("duplicate"));
  EXPECT_EQ(docs[4]["status"], Q("rejected"));
  EXPECT_EQ(ReadFile(out.File("kept.jsonl")),
            a + "\n" + b + "\n" + c + "\n" + e + "\n" + f + "\n" + g + "\n" +
                "{\"id\":\"2.txt\",\"text\":\"seven eight nine ten eleven\"}\n");
}

// Runs `doppel dedup` on the JSON lines `jsonl`, written to dir's
// in.jsonl, into `out`.
CliResult DedupLines(const TempDir& dir, const TempDir& out, const std::string& jsonl) {
  WriteFile(dir.File("in.jsonl"), jsonl);
  return RunDoppel({"dedup", dir.File("in.jsonl"), "-o", out.path()});
}

// The warning that names the id read at in.jsonl's line `line` as a repeat.
std::string RepeatWarning(const TempDir& dir, const std::string& id, int line) {
  return "id \"" + id + "\" at " + dir.File("in.jsonl") + ":" + std::to_string(line);
}

TEST(DedupCliTest, DuplicateIdsAreReported) {
  TempDir dir;
  TempDir out;
  CliResult r = DedupLines(dir, out,
                           "{\"id\": \"same\", \"text\": \"alpha beta gamma\"}\n"
                           "{\"id\": \"other\", \"text\": \"eta theta iota\"}\n"
                           "{\"id\": \"same\", \"text\": \"delta epsilon zeta\"}\n"
                           "{\"id\": \"same\", \"text\": \"kappa lambda mu\"}\n"
                           "{\"id\": \"othe\", \"text\": \"nu xi omicron\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The later two "same" are repeats, named with where they were read.
  EXPECT_NE(r.err.find(RepeatWarning(dir, "same", 3)), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(RepeatWarning(dir, "same", 4)), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\"other\""), std::string::npos) << r.err;
  EXPECT_NE(ReadFile(out.File("stats.json")).find("\"count\": 2"), std::string::npos);
}

TEST(DedupCliTest, IdsWhoseHashesCollideAreNotRepeats) {
  // "doc-69253" and "doc-91071" share the top 32 bits of their 64-bit hash,
  // the key repeated ids are grouped by: they are compared, and differ.
  TempDir dir;
  TempDir out;
  CliResult r = DedupLines(dir, out,
                           "{\"id\": \"doc-69253\", \"text\": \"alpha beta gamma\"}\n"
                           "{\"id\": \"doc-91071\", \"text\": \"delta epsilon zeta\"}\n"
                           "{\"id\": \"doc-69253\", \"text\": \"eta theta iota\"}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(RepeatWarning(dir, "doc-69253", 3)), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("doc-91071"), std::string::npos) << r.err;
  EXPECT_NE(ReadFile(out.File("stats.json")).find("\"count\": 1"), std::string::npos);
}

}  // namespace
}  // namespace doppel::testing
