// Quality regression: dedup a generated corpus and score it with doppel eval.
// The corpus is made by `doppel synth`, so the test needs nothing outside
// the repository. Thresholds sit a little below what the defaults reach
// (docs/quality.md), so a change that costs accuracy fails here.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli/cli_runner.h"
#include "test_util.h"

namespace doppel::testing {
namespace {

// A top-level number from `doppel eval --json` output, e.g. "precision".
double JsonNumber(const std::string& json, const std::string& key) {
  size_t at = json.find("\"" + key + "\": ");
  if (at == std::string::npos) return -1;
  return std::strtod(json.c_str() + at + key.size() + 4, nullptr);
}

TEST(QualityCliTest, GeneratedCorpusIsDeduplicatedAccurately) {
  TempDir dir;
  ASSERT_EQ(RunDoppel({"synth", "--docs", "4000", "--seed", "7", "-o", dir.File("c.jsonl"),
                       "--meta", dir.File("meta.jsonl")})
                .exit_code,
            0);
  CliResult r = RunDoppel({"dedup", dir.File("c.jsonl"), "-o", dir.File("out"), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunDoppel({"eval", dir.File("out"), "--truth", dir.File("meta.jsonl"), "--json",
                 dir.File("eval.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string report = ReadFile(dir.File("eval.json"));
  EXPECT_GE(JsonNumber(report, "precision"), 0.99) << r.out;
  EXPECT_GE(JsonNumber(report, "recall"), 0.90) << r.out;
  EXPECT_EQ(JsonNumber(report, "wrongly_removed"), 0) << r.out;

  // Sketches lose almost nothing against the exact reference.
  r = RunDoppel({"dedup", dir.File("c.jsonl"), "--exact", "-o", dir.File("exact"), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunDoppel({"eval", dir.File("out"), "--truth", dir.File("exact/documents.jsonl"), "--json",
                 dir.File("vs_exact.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(JsonNumber(ReadFile(dir.File("vs_exact.json")), "recall"), 0.98) << r.out;
}

TEST(QualityCliTest, SynthOutputIsDeterministic) {
  TempDir dir;
  for (const char* name : {"a.jsonl", "b.jsonl"}) {
    ASSERT_EQ(RunDoppel({"synth", "--docs", "300", "-o", dir.File(name)}).exit_code, 0);
  }
  EXPECT_EQ(ReadFile(dir.File("a.jsonl")), ReadFile(dir.File("b.jsonl")));
}

}  // namespace
}  // namespace doppel::testing
