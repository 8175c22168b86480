// Pins doppel dedup's outputs: performance work must not change them. The
// checksums were taken from the straightforward implementation; a change
// that alters them on purpose (new defaults, a new hash) updates them and
// says so in its commit.
#include <gtest/gtest.h>

#include <cstdio>

#include "cli/cli_runner.h"
#include "doppel/hash.h"
#include "test_util.h"

namespace doppel::testing {
namespace {

std::string Checksum(const std::string& path) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(HashBytes(ReadFile(path))));
  return buf;
}

struct Golden {
  const char* name;
  std::vector<std::string> flags;
  const char* documents;
  const char* pairs;
  const char* kept;
};

void PrintTo(const Golden& g, std::ostream* os) { *os << g.name; }

class GoldenCliTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenCliTest, OutputsAreUnchanged) {
  const Golden& g = GetParam();
  TempDir dir;
  ASSERT_EQ(
      RunDoppel({"synth", "--docs", "3000", "--seed", "3", "-o", dir.File("c.jsonl")}).exit_code,
      0);
  std::vector<std::string> args{"dedup", dir.File("c.jsonl"), "-o", dir.File("out"), "-q"};
  args.insert(args.end(), g.flags.begin(), g.flags.end());
  CliResult r = RunDoppel(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Checksum(dir.File("out/documents.jsonl")), g.documents) << g.name;
  EXPECT_EQ(Checksum(dir.File("out/pairs.jsonl")), g.pairs) << g.name;
  EXPECT_EQ(Checksum(dir.File("out/kept.jsonl")), g.kept) << g.name;
}

INSTANTIATE_TEST_SUITE_P(
    Runs, GoldenCliTest,
    ::testing::Values(
        Golden{"defaults", {}, "c8707baeca41a0d1", "84c379bf4693c3f9", "0ba5e88545716b5e"},
        Golden{"exact", {"--exact"}, "c8707baeca41a0d1", "a25c709a7aed0e6f", "0ba5e88545716b5e"},
        // A limit far below the anchor index's need: it spills to disk.
        Golden{"memory_limit",
               {"--memory-limit", "1K"},
               "c8707baeca41a0d1",
               "84c379bf4693c3f9",
               "0ba5e88545716b5e"},
        Golden{"char",
               {"--shingle", "char", "--threads", "1"},
               "f258d018d8ce77cf",
               "31e496d093d7b3e3",
               "5f31e8740287443c"}),
    [](const ::testing::TestParamInfo<Golden>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace doppel::testing
