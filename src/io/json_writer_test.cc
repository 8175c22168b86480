#include "io/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

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

TEST(JsonWriterTest, DoublesAsPrintfWritesThemWithTheDecimalsAsked) {
  std::mt19937_64 rng(3);
  std::vector<double> values = {0.0,
                                -0.0,
                                0.5,
                                0.00005,
                                0.00015,
                                0.99995,
                                1.0,
                                -2.5,
                                1e300,
                                -1e-300,
                                123456789.123456789,
                                std::numeric_limits<double>::max()};
  for (int i = 0; i < 2000; ++i) values.push_back(static_cast<double>(rng() % 100001) / 100000.0);
  for (int i = 0; i < 200; ++i) values.push_back(std::ldexp(static_cast<double>(rng()), -40));
  for (const int decimals : {0, 4, 17}) {
    for (const double v : values) {
      JsonWriter w(0, decimals);
      w.Double(v);
      char expected[400];
      std::snprintf(expected, sizeof expected, "%.*f", decimals, v);
      ASSERT_EQ(w.str(), expected) << decimals << " decimals";
    }
  }
}

}  // namespace
}  // namespace doppel::io
