#include "text/char_class.h"

#include <utf8proc.h>

#include <array>
#include <mutex>

namespace doppel::text {
namespace {

bool IsUnspacedScript(uint32_t cp) {
  return (cp >= 0x0E00 && cp <= 0x0EFF) ||  // Thai, Lao
         (cp >= 0x1000 && cp <= 0x109F) ||  // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||  // Khmer
         (cp >= 0x3040 && cp <= 0x30FF) ||  // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||  // Katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||  // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||  // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3FFFF);  // CJK extensions B and later
}

// True when the compatibility decomposition of `cp` holds a letter or digit
// (U+2122 TRADE MARK SIGN is "TM"): such a symbol reads as part of a word.
bool DecomposesToWordChars(uint32_t cp) {
  utf8proc_int32_t buf[18];
  int last_boundclass = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(
      static_cast<utf8proc_int32_t>(cp), buf, 18,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT), &last_boundclass);
  if (n <= 0 || n > 18) return false;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    utf8proc_category_t c = utf8proc_category(buf[i]);
    if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO) return true;
  }
  return false;
}

CharClass Classify(uint32_t cp) {
  if (cp < 0x80) {
    if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
      return CharClass::kWord;
    }
    if (cp <= 0x20 || cp == 0x7F) return CharClass::kSeparator;
    return CharClass::kPunctuation;
  }
  utf8proc_category_t c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  switch (c) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::kMark;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return IsUnspacedScript(cp) ? CharClass::kUnspaced : CharClass::kWord;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return DecomposesToWordChars(cp) ? CharClass::kWord : CharClass::kPunctuation;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
      return CharClass::kPunctuation;
    default:
      return CharClass::kSeparator;  // Z*, C*, unassigned
  }
}

struct BmpTable {
  std::array<CharClass, 0x10000> cls;
  BmpTable() {
    for (uint32_t cp = 0; cp < 0x10000; ++cp) cls[cp] = Classify(cp);
  }
};

}  // namespace

const CharClass* BmpClasses() {
  static const BmpTable* table = new BmpTable();  // never freed: lives for the process
  return table->cls.data();
}

CharClass ClassAboveBmp(uint32_t cp) { return Classify(cp); }

int DecodeUtf8Other(const unsigned char* p, const unsigned char* end, uint32_t* cp) {
  utf8proc_int32_t c = 0;
  utf8proc_ssize_t n = utf8proc_iterate(p, end - p, &c);
  if (n <= 0) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = static_cast<uint32_t>(c);
  return static_cast<int>(n);
}

}  // namespace doppel::text
