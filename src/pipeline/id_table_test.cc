#include "pipeline/id_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace doppel::pipeline {
namespace {

TEST(IdTableTest, ReadsBackEveryIdInOrder) {
  testing::TempDir dir;
  IdTable table;
  ASSERT_TRUE(table.Create(dir.File("t-")).ok());
  std::vector<std::string> ids{"first", "", "a", std::string(100000, 'x'), "", "last"};
  for (int i = 0; i < 5000; ++i) ids.push_back("doc-" + std::to_string(i));
  for (const std::string& id : ids) ASSERT_TRUE(table.Append(id).ok());
  ASSERT_TRUE(table.Seal().ok());
  ASSERT_EQ(table.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(table[i], ids[i]) << i;
  table.DropResidentPages();  // read again from the page cache
  for (size_t i = ids.size(); i-- > 0;) EXPECT_EQ(table[i], ids[i]) << i;
  std::string copy = "left over";
  for (size_t i = ids.size(); i-- > 0;) {  // by copy, not through the map
    ASSERT_TRUE(table.Copy(i, &copy).ok());
    EXPECT_EQ(copy, ids[i]) << i;
  }
}

TEST(IdTableTest, EveryIdEmpty) {
  testing::TempDir dir;
  IdTable table;
  ASSERT_TRUE(table.Create(dir.File("t-")).ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(table.Append("").ok());
  ASSERT_TRUE(table.Seal().ok());
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[2], "");
  std::string copy = "left over";
  ASSERT_TRUE(table.Copy(0, &copy).ok());
  EXPECT_EQ(copy, "");
}

}  // namespace
}  // namespace doppel::pipeline
