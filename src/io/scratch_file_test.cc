#include "io/scratch_file.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "test_util.h"

namespace doppel::io {
namespace {

using doppel::testing::TempDir;

TEST(ScratchFileTest, ReadsWhatWasWrittenAtEachOffset) {
  TempDir dir;
  ScratchFile file;
  ASSERT_OK(file.Create(dir.File("s.bin")));
  ASSERT_OK(file.WriteAt(6, "world", 5));
  ASSERT_OK(file.WriteAt(0, "hello ", 6));
  char out[12] = {};
  ASSERT_OK(file.ReadAt(0, out, 11));
  EXPECT_STREQ(out, "hello world");
  // Past the end: an error naming the file.
  Status short_read = file.ReadAt(8, out, 10);
  ASSERT_FALSE(short_read.ok());
  EXPECT_NE(short_read.message().find(dir.File("s.bin")), std::string::npos);
}

TEST(ScratchFileTest, TheFileGoesWithItsLastOwner) {
  TempDir dir;
  const std::string path = dir.File("s.bin");
  {
    ScratchFile file;
    ASSERT_OK(file.Create(path));
    ScratchFile moved = std::move(file);
    EXPECT_EQ(moved.path(), path);
    file = ScratchFile();  // the moved-from one owns nothing to remove
    EXPECT_TRUE(std::filesystem::exists(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ScratchFileTest, AFileThatCannotBeCreatedIsNamed) {
  TempDir dir;
  ScratchFile file;
  const std::string path = dir.File("missing/s.bin");
  Status s = file.Create(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path), std::string::npos);
}

}  // namespace
}  // namespace doppel::io
