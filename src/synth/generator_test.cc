#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>
#include <set>

#include "doppel/synth.h"

namespace doppel {
namespace {

SynthOptions Small(uint64_t docs, uint64_t seed = 1) {
  SynthOptions o;
  o.documents = docs;
  o.seed = seed;
  return o;
}

TEST(SynthTest, SameOptionsSameCorpus) {
  auto a = GenerateCorpus(Small(500));
  auto b = GenerateCorpus(Small(500));
  ASSERT_EQ(a.size(), 500u);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].id, b[i].id);
    EXPECT_EQ(a[i].text, b[i].text);
    EXPECT_EQ(a[i].cluster, b[i].cluster);
  }
  auto c = GenerateCorpus(Small(500, 2));
  EXPECT_NE(a[0].text, c[0].text);
}

TEST(SynthTest, TextIsValidUtf8AndIdsAreUnique) {
  std::set<std::string> ids;
  for (const auto& d : GenerateCorpus(Small(3000))) {
    EXPECT_TRUE(simdjson::validate_utf8(d.text)) << d.id << " (" << d.script << ")";
    EXPECT_FALSE(d.text.empty());
    EXPECT_TRUE(ids.insert(d.id).second) << d.id;
  }
}

TEST(SynthTest, LabelsTieCopiesToTheirSources) {
  auto docs = GenerateCorpus(Small(3000));
  std::map<std::string, const SynthDocument*> by_id;
  for (const auto& d : docs) by_id[d.id] = &d;
  std::set<std::string> ops;
  std::set<std::string> scripts;
  size_t copies = 0;
  for (const auto& d : docs) {
    scripts.insert(d.script);
    for (const auto& op : d.ops) ops.insert(op);
    if (d.role == "copy") {
      ++copies;
      ASSERT_TRUE(by_id.count(d.source)) << d.source;
      EXPECT_EQ(by_id[d.source]->cluster, d.cluster);
      EXPECT_FALSE(d.ops.empty());
    } else if (!d.source.empty()) {  // a quote of an unrelated document
      EXPECT_NE(by_id[d.source]->cluster, d.cluster);
    }
  }
  EXPECT_GT(copies, 300u);
  for (const char* op : {"exact", "truncate", "reorder", "substitute", "typo", "delete", "insert",
                         "contain", "boilerplate", "typography", "whitespace", "quote"}) {
    EXPECT_TRUE(ops.count(op)) << op;
  }
  EXPECT_EQ(scripts.size(), 7u);
}

}  // namespace
}  // namespace doppel
