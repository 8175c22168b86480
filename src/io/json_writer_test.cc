#include "io/json_writer.h"

#include <gtest/gtest.h>

namespace doppel::io {
namespace {

TEST(JsonWriterTest, EscapesStrings) {
  std::string out;
  AppendJsonString(&out, "a\"b\\c\nd\te\x01 caf\xC3\xA9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 caf\xC3\xA9\"");
}

TEST(JsonWriterTest, WritesCompactObjects) {
  JsonWriter w;
  w.BeginObject().Key("id").String("x").Key("n").Uint(3).Key("s").Double(0.5);
  w.Key("list").BeginArray().Int(-1).Bool(true).Null().EndArray();
  w.Key("empty").BeginObject().EndObject().EndObject();
  EXPECT_EQ(w.str(), "{\"id\":\"x\",\"n\":3,\"s\":0.5000,\"list\":[-1,true,null],\"empty\":{}}");
}

TEST(JsonWriterTest, IndentsWhenAsked) {
  JsonWriter w(2);
  w.BeginObject().Key("a").BeginObject().Key("b").Int(1).EndObject().EndObject();
  EXPECT_EQ(w.str(), "{\n  \"a\": {\n    \"b\": 1\n  }\n}");
}

TEST(JsonWriterTest, NonFiniteDoublesBecomeNull) {
  JsonWriter w;
  w.BeginArray().Double(1.0 / 0.0).EndArray();
  EXPECT_EQ(w.str(), "[null]");
}

}  // namespace
}  // namespace doppel::io
