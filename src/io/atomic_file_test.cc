#include "io/atomic_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "test_util.h"

namespace doppel::io {
namespace {

using doppel::testing::ReadFile;
using doppel::testing::TempDir;

TEST(AtomicFileTest, AppearsWholeOnCommitAndNotAtAllOtherwise) {
  TempDir dir;
  {
    AtomicFile file;
    ASSERT_TRUE(file.Open(dir.File("never.txt")).ok());
    ASSERT_TRUE(file.Write("lost").ok());
  }  // not committed
  EXPECT_FALSE(std::filesystem::exists(dir.File("never.txt")));
  EXPECT_FALSE(std::filesystem::exists(dir.File(".never.txt.tmp")));
  AtomicFile file;
  ASSERT_TRUE(file.Open(dir.File("out.txt")).ok());
  ASSERT_TRUE(file.Write("head ").ok());
  EXPECT_FALSE(std::filesystem::exists(dir.File("out.txt")));
  ASSERT_TRUE(file.Commit().ok());
  EXPECT_EQ(ReadFile(dir.File("out.txt")), "head ");
}

TEST(AtomicFileTest, FileLongerThanTheWriteBackStepIsWrittenWholeInOrder) {
  TempDir dir;
  AtomicFile file;
  ASSERT_TRUE(file.Open(dir.File("big.txt")).ok());
  std::string expected;
  const std::string piece(100'000, 'x');
  for (int i = 0; expected.size() <= 2 * AtomicFile::kWriteBackBytes; ++i) {
    std::string line = std::to_string(i) + piece + "\n";
    ASSERT_TRUE(file.Write(line).ok());
    expected += line;
  }
  ASSERT_TRUE(file.Commit().ok());
  EXPECT_EQ(ReadFile(dir.File("big.txt")), expected);
}

}  // namespace
}  // namespace doppel::io
