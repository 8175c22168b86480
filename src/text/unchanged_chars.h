// Which characters of three UTF-8 bytes (U+0800 to U+FFFF) normalisation
// leaves as they are. A character of an unspaced script (Han, Thai, Kana...)
// is a segment, and a token, of its own, and the general path hashed it and
// looked it up in the word memo (a cache miss a character) to learn, for
// nearly all of them, that it maps to itself.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string_view>

namespace doppel::text {

class UnchangedChars {
 public:
  // For utf8proc_map options `utf8proc_options`.
  explicit UnchangedChars(int utf8proc_options) : options_(utf8proc_options) {}
  UnchangedChars(const UnchangedChars&) = delete;
  UnchangedChars& operator=(const UnchangedChars&) = delete;

  // Whether `segment` is one character of three bytes that utf8proc_map
  // (with the options) leaves as it is, alone. Thread-safe: each block of
  // 256 code points is worked out on first use (256 calls to utf8proc).
  bool IsOneUnchanged(std::string_view segment) const;

 private:
  static constexpr uint32_t kBlocks = 256;  // of 256 code points: the BMP
  void Fill(uint32_t block) const;

  int options_;
  mutable std::array<std::once_flag, kBlocks> filled_;
  mutable std::array<std::array<uint64_t, 4>, kBlocks> unchanged_{};
};

}  // namespace doppel::text
