#include <gtest/gtest.h>

#include "doppel/eval.h"
#include "test_util.h"

namespace doppel {
namespace {

using testing::TempDir;
using testing::WriteFile;

// Truth: {a, b, c} are copies, {d, e} are copies, f stands alone.
const char* kTruth =
    "{\"id\": \"a\", \"cluster\": 1, \"kind\": \"base\"}\n"
    "{\"id\": \"b\", \"cluster\": 1, \"kind\": \"copy\"}\n"
    "{\"id\": \"c\", \"cluster\": 1, \"kind\": \"copy\"}\n"
    "{\"id\": \"d\", \"cluster\": 2, \"kind\": \"base\"}\n"
    "{\"id\": \"e\", \"cluster\": 2, \"kind\": \"copy\"}\n"
    "{\"id\": \"f\", \"cluster\": 3, \"kind\": \"base\"}\n";

// Run: {a, b} kept a; {c} alone; {d, e, f} kept d (f wrongly removed).
const char* kRun =
    "{\"id\":\"a\",\"status\":\"kept\",\"cluster\":0}\n"
    "{\"id\":\"b\",\"status\":\"duplicate\",\"cluster\":0,\"duplicate_of\":\"a\"}\n"
    "{\"id\":\"c\",\"status\":\"kept\",\"cluster\":1}\n"
    "{\"id\":\"d\",\"status\":\"kept\",\"cluster\":2}\n"
    "{\"id\":\"e\",\"status\":\"duplicate\",\"cluster\":2,\"duplicate_of\":\"d\"}\n"
    "{\"id\":\"f\",\"status\":\"duplicate\",\"cluster\":2,\"duplicate_of\":\"d\"}\n";

TEST(EvaluateTest, MetricsOfAHandMadeCase) {
  TempDir dir;
  WriteFile(dir.File("truth.jsonl"), kTruth);
  WriteFile(dir.File("documents.jsonl"), kRun);
  auto r = Evaluate(dir.File("documents.jsonl"), dir.File("truth.jsonl"), EvalOptions{});
  ASSERT_TRUE(r.ok()) << r.status().message();
  // True pairs: ab ac bc de = 4. Found: ab de df ef = 4. Correct: ab de = 2.
  EXPECT_EQ(r->true_pairs, 4u);
  EXPECT_EQ(r->predicted_pairs, 4u);
  EXPECT_EQ(r->correct_pairs, 2u);
  EXPECT_DOUBLE_EQ(r->precision, 0.5);
  EXPECT_DOUBLE_EQ(r->recall, 0.5);
  EXPECT_DOUBLE_EQ(r->f1, 0.5);
  // ARI: index 2, expected 4*4/15 = 16/15, max 4: (2 - 16/15) / (4 - 16/15) = 14/44.
  EXPECT_NEAR(r->adjusted_rand_index, 14.0 / 44.0, 1e-12);
  // B-cubed precision per doc: a 1, b 1, c 1, d 2/3, e 2/3, f 1/3 -> 14/18.
  // B-cubed recall per doc: a 2/3, b 2/3, c 1/3, d 1, e 1, f 1 -> 14/18.
  EXPECT_NEAR(r->bcubed_precision, 14.0 / 18.0, 1e-12);
  EXPECT_NEAR(r->bcubed_recall, 14.0 / 18.0, 1e-12);
  EXPECT_EQ(r->wrongly_removed, 1u);  // f, as a copy of d
  EXPECT_EQ(r->wrongly_kept, 1u);     // c, though a was kept
  ASSERT_EQ(r->breakdown.size(), 2u);
  EXPECT_EQ(r->breakdown[0].value, "base");
  EXPECT_EQ(r->breakdown[0].documents, 3u);
  EXPECT_EQ(r->breakdown[0].wrongly_removed, 1u);
  // base docs a, d, f: precision (1 + 2/3 + 1/3) / 3, recall (2/3 + 1 + 1) / 3.
  EXPECT_NEAR(r->breakdown[0].bcubed_precision, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(r->breakdown[0].bcubed_recall, 8.0 / 9.0, 1e-12);
}

TEST(EvaluateTest, PerfectRunScoresOne) {
  TempDir dir;
  WriteFile(dir.File("truth.jsonl"), kTruth);
  WriteFile(dir.File("documents.jsonl"),
            "{\"id\":\"a\",\"status\":\"kept\",\"cluster\":0}\n"
            "{\"id\":\"b\",\"status\":\"duplicate\",\"cluster\":0,\"duplicate_of\":\"a\"}\n"
            "{\"id\":\"c\",\"status\":\"duplicate\",\"cluster\":0,\"duplicate_of\":\"a\"}\n"
            "{\"id\":\"d\",\"status\":\"kept\",\"cluster\":1}\n"
            "{\"id\":\"e\",\"status\":\"duplicate\",\"cluster\":1,\"duplicate_of\":\"d\"}\n"
            "{\"id\":\"f\",\"status\":\"kept\",\"cluster\":2}\n");
  auto r = Evaluate(dir.path(), dir.File("truth.jsonl"), EvalOptions{});  // a run directory
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_DOUBLE_EQ(r->precision, 1.0);
  EXPECT_DOUBLE_EQ(r->recall, 1.0);
  EXPECT_DOUBLE_EQ(r->adjusted_rand_index, 1.0);
  EXPECT_DOUBLE_EQ(r->bcubed_f1, 1.0);
  EXPECT_EQ(r->wrongly_removed + r->wrongly_kept, 0u);
}

TEST(EvaluateTest, PairsFileClustersByConnectedComponents) {
  TempDir dir;
  WriteFile(dir.File("truth.jsonl"), kTruth);
  // a-b and b-c chain into {a, b, c}; d-e; f alone.
  WriteFile(dir.File("pairs.jsonl"),
            "{\"a\":\"a\",\"b\":\"b\",\"jaccard\":0.9}\n{\"a\":\"b\",\"b\":\"c\"}\n"
            "{\"a\":\"d\",\"b\":\"e\"}\n");
  auto r = Evaluate(dir.File("pairs.jsonl"), dir.File("truth.jsonl"), EvalOptions{});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->run_kind, "pairs");
  EXPECT_DOUBLE_EQ(r->f1, 1.0);
  EXPECT_FALSE(r->has_decisions);
}

TEST(EvaluateTest, MalformedTruthNamesFileAndLine) {
  TempDir dir;
  WriteFile(dir.File("truth.jsonl"), "{\"id\": \"a\", \"cluster\": 1}\n{\"id\": \"b\"}\n");
  WriteFile(dir.File("documents.jsonl"), kRun);
  auto r = Evaluate(dir.File("documents.jsonl"), dir.File("truth.jsonl"), EvalOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("truth.jsonl:2: no field 'cluster'"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace doppel
