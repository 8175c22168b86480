#include "text/char_class.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <vector>

namespace doppel::text {
namespace {

// What utf8proc makes of the sequence, as DecodeUtf8 reports it.
std::pair<int, uint32_t> ByUtf8proc(const unsigned char* p, const unsigned char* end) {
  utf8proc_int32_t c = 0;
  const utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &c);
  if (n <= 0) return {1, 0xFFFD};
  return {static_cast<int>(n), static_cast<uint32_t>(c)};
}

// Every lead and second byte, with third bytes around the continuation
// range's edges (all of them after a three-byte lead and a continuation),
// whole and cut short: the inline decoding agrees with utf8proc.
TEST(CharClassTest, DecodeUtf8AgreesWithUtf8proc) {
  const std::vector<unsigned> edges = {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  for (unsigned lead = 0; lead < 256; ++lead) {
    for (unsigned second = 0; second < 256; ++second) {
      std::vector<unsigned> thirds = edges;
      if ((lead & 0xF0) == 0xE0 && (second & 0xC0) == 0x80) {
        for (unsigned t = 0x80; t < 0xC0; ++t) thirds.push_back(t);
      }
      for (unsigned third : thirds) {
        const unsigned char bytes[4] = {static_cast<unsigned char>(lead),
                                        static_cast<unsigned char>(second),
                                        static_cast<unsigned char>(third), 0x80};
        for (int size = 1; size <= 4; ++size) {
          uint32_t cp = 0;
          const int n = DecodeUtf8(bytes, bytes + size, &cp);
          const auto [want_n, want_cp] = ByUtf8proc(bytes, bytes + size);
          ASSERT_EQ(n, want_n) << std::hex << lead << " " << second << " " << third << " size "
                               << size;
          ASSERT_EQ(cp, want_cp) << std::hex << lead << " " << second << " " << third;
        }
      }
    }
  }
}

TEST(CharClassTest, ClassesOfSomeCharacters) {
  EXPECT_EQ(ClassOf('a'), CharClass::kWord);
  EXPECT_EQ(ClassOf(0x0416), CharClass::kWord);      // Cyrillic Zhe
  EXPECT_EQ(ClassOf(0x4E2D), CharClass::kUnspaced);  // a Han character
  EXPECT_EQ(ClassOf(0x0301), CharClass::kMark);      // combining acute
  EXPECT_EQ(ClassOf(0x2019), CharClass::kPunctuation);
  EXPECT_EQ(ClassOf(0x00A0), CharClass::kSeparator);
  EXPECT_EQ(ClassOf(0x20000), CharClass::kUnspaced);  // above the BMP: CJK extension B
}

}  // namespace
}  // namespace doppel::text
