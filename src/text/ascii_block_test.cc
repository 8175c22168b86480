#include "text/ascii_block.h"

#include <gtest/gtest.h>

#include <string>

namespace doppel::text {
namespace {

TEST(AsciiBlockTest, NextNonAsciiFindsTheFirstHighByteFromAnyStart) {
  for (uint32_t length = 0; length <= 40; ++length) {
    for (uint32_t high = 0; high <= length; ++high) {  // high == length: none
      std::string text(length, 'a');
      if (high < length) text[high] = '\xC3';
      const auto* p = reinterpret_cast<const unsigned char*>(text.data());
      for (uint32_t from = 0; from <= length; ++from) {
        const uint32_t expected = from <= high ? high : length;
        EXPECT_EQ(NextNonAscii(p, from, length), expected)
            << "high byte at " << high << " of " << length << ", from " << from;
      }
    }
  }
}

}  // namespace
}  // namespace doppel::text
