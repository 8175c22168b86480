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

}  // namespace
}  // namespace doppel::io
