// How documents are read from JSON Lines, shared by every command that
// reads a corpus.
#pragma once

#include <cstdint>
#include <string>

namespace doppel {

struct InputOptions {
  // JSON Lines field holding the text. Default "text".
  std::string text_field = "text";
  // JSON Lines field holding the id (a string or number); a document without
  // one is named FILE:LINE. Default "id".
  std::string id_field = "id";
  // Documents over this size are rejected without being held in memory.
  // Default 64 MiB; at most 4 GiB - 1.
  uint64_t max_doc_bytes = 64ull << 20;
};

}  // namespace doppel
