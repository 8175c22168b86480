// A small streaming JSON writer: compact for JSON Lines, indented for reports.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace doppel::io {

// Appends `s` as a JSON string literal (quotes included). `s` must be UTF-8.
void AppendJsonString(std::string* out, std::string_view s);

// Builds one JSON value into a string. Keys and values alternate inside
// objects; the writer inserts commas and, when `indent` > 0, newlines.
// Doubles are written with a fixed number of decimals so that output bytes
// do not depend on the platform's shortest-representation algorithm.
class JsonWriter {
 public:
  // `decimals`: 0 to kMostDecimals.
  explicit JsonWriter(int indent = 0, int decimals = 4)
      : indent_(indent), decimals_(std::clamp(decimals, 0, kMostDecimals)) {}
  static constexpr int kMostDecimals = 17;

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Double(double value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value given as JSON text, written as it is (the caller vouches for it).
  JsonWriter& Raw(std::string_view json);

  const std::string& str() const { return out_; }
  void Clear() {
    out_.clear();
    stack_.clear();
  }

 private:
  void BeforeValue();
  void Newline();
  int indent_;
  int decimals_;
  std::string out_;
  struct Level {
    bool object;
    bool empty;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace doppel::io
