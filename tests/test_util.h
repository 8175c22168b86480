// Helpers shared by doppel's tests: temporary directories, files, seeded data.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "doppel/status.h"

#define ASSERT_OK(expr)                                                 \
  do {                                                                  \
    ::doppel::Status assert_ok_status_ = (expr);                        \
    ASSERT_TRUE(assert_ok_status_.ok()) << assert_ok_status_.message(); \
  } while (0)

namespace doppel::testing {

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "doppel-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path, std::ios::binary);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// `count` distinct random 64-bit values.
inline std::vector<uint64_t> RandomSet(std::mt19937_64& rng, size_t count) {
  std::vector<uint64_t> v(count);
  for (auto& x : v) x = rng();
  return v;
}

// `n` random lower-case words of min_len to max_len letters, distinct enough
// that texts built from them share nothing by chance.
inline std::vector<std::string> RandomWords(std::mt19937_64& rng, size_t n, int min_len,
                                            int max_len) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    std::string w;
    for (int k = min_len + static_cast<int>(rng() % static_cast<uint64_t>(max_len - min_len + 1));
         k > 0; --k) {
      w.push_back(static_cast<char>('a' + rng() % 26));
    }
    out.push_back(w);
  }
  return out;
}

}  // namespace doppel::testing
