#include "text/unchanged_chars.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace doppel::text {

bool UnchangedChars::IsOneUnchanged(std::string_view segment) const {
  if (segment.size() != 3) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(segment.data());
  if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return false;
  const uint32_t cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
  if (cp < 0x800) return false;  // overlong
  const uint32_t block = cp >> 8;
  std::call_once(filled_[block], [&] { Fill(block); });
  return (unchanged_[block][(cp >> 6) & 3] >> (cp & 63) & 1) != 0;
}

void UnchangedChars::Fill(uint32_t block) const {
  std::array<uint64_t, 4>& bits = unchanged_[block];
  for (uint32_t cp = std::max<uint32_t>(block << 8, 0x800); cp < (block + 1) << 8; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;  // surrogates are not characters
    utf8proc_uint8_t bytes[4];
    const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t size =
        utf8proc_map(bytes, n, &mapped, static_cast<utf8proc_option_t>(options_));
    if (size == n && std::memcmp(mapped, bytes, static_cast<size_t>(n)) == 0) {
      bits[(cp >> 6) & 3] |= uint64_t{1} << (cp & 63);
    }
    std::free(mapped);
  }
}

}  // namespace doppel::text
