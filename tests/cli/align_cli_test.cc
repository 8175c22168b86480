// End-to-end tests of `doppel align` on the real seed pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "cli/cli_runner.h"
#include "test_util.h"

namespace doppel::testing {
namespace {

std::string SeedsDir() {
  const char* dir = std::getenv("DOPPEL_SEEDS_DIR");
  return dir ? dir : SourceDir() + "/../shared/corpus/seeds";
}

std::string Seed(const std::string& prefix) {
  for (const auto& e : std::filesystem::directory_iterator(SeedsDir())) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) return e.path().string();
  }
  return "";
}

struct Span {
  size_t a_start, a_end, b_start, b_end;
};

std::vector<Span> AlignJson(const std::string& a, const std::string& b) {
  CliResult r = RunDoppel({"align", a, b, "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Span> spans;
  for (size_t at = 0; (at = r.out.find("{\"a_start\":", at)) != std::string::npos; ++at) {
    Span s{};
    std::sscanf(r.out.c_str() + at, "{\"a_start\":%zu,\"a_end\":%zu,\"b_start\":%zu,\"b_end\":%zu",
                &s.a_start, &s.a_end, &s.b_start, &s.b_end);
    spans.push_back(s);
  }
  return spans;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

class AlignSeedsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(SeedsDir())) GTEST_SKIP() << "no seed corpus at " << SeedsDir();
  }
};

TEST_F(AlignSeedsTest, Page000SharesTheWireParagraphsWith002) {
  std::string a = ReadFile(Seed("000")), b = ReadFile(Seed("002"));
  auto spans = AlignJson(Seed("000"), Seed("002"));
  ASSERT_FALSE(spans.empty());
  std::string shared_a;
  for (const Span& s : spans) {
    shared_a += a.substr(s.a_start, s.a_end - s.a_start) + "\n";
    // Both sides of a passage hold the same text, up to small edits.
    EXPECT_NEAR(static_cast<double>(s.a_end - s.a_start), static_cast<double>(s.b_end - s.b_start),
                0.1 * static_cast<double>(s.a_end - s.a_start));
  }
  for (const char* part : {"letters", "al-Qussour", "suspicious", "frantic", "heinous",
                           "de facto situation", "complicit"}) {
    EXPECT_NE(shared_a.find(part), std::string::npos) << part;
  }
  // 000's appended background on Raqqa is its own.
  EXPECT_EQ(shared_a.find("Airwars"), std::string::npos);
}

TEST_F(AlignSeedsTest, Page003SharesOnlyTheSentenceItQuotes) {
  std::string b = ReadFile(Seed("003"));
  auto spans = AlignJson(Seed("002"), Seed("003"));
  ASSERT_EQ(spans.size(), 1u);
  std::string quoted = Lower(b.substr(spans[0].b_start, spans[0].b_end - spans[0].b_start));
  EXPECT_EQ(quoted.rfind("will not succeed in consolidating the de facto situation", 0), 0u)
      << quoted;
}

TEST_F(AlignSeedsTest, The004SecondStoryAlignsWithNothing) {
  std::string a = ReadFile(Seed("004"));
  size_t second = a.find("Nine injured in QSD attack");
  ASSERT_NE(second, std::string::npos);
  auto spans = AlignJson(Seed("004"), Seed("002"));
  ASSERT_FALSE(spans.empty());
  for (const Span& s : spans) EXPECT_LE(s.a_end, second);
}

TEST(AlignCliTest, IdsInACorpusAndErrors) {
  TempDir dir;
  std::string shared;
  for (int i = 0; i < 30; ++i) shared += "word" + std::to_string(i * 7919 % 1000) + " ";
  WriteFile(dir.File("c.jsonl"), "{\"id\": \"x\", \"text\": \"intro " + shared + "\"}\n" +
                                     "{\"id\": \"y\", \"text\": \"" + shared + " outro\"}\n");
  CliResult r = RunDoppel({"align", "x", "y", "--corpus", dir.File("c.jsonl"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"words\":30"), std::string::npos) << r.out;
  r = RunDoppel({"align", "x", "nope", "--corpus", dir.File("c.jsonl")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no document with id 'nope'"), std::string::npos) << r.err;
  r = RunDoppel({"align", "/no/such/a.txt", "/no/such/b.txt"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/no/such/a.txt"), std::string::npos) << r.err;
  r = RunDoppel({"align", dir.File("c.jsonl")});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace doppel::testing
