// Every document's tokens (hash and original byte range), spilled to a
// scratch file so that passages can be aligned without holding text.
#pragma once

#include <cstdint>

#include "io/spill_file.h"

namespace doppel::passages {

struct StoredToken {
  uint64_t hash;
  uint32_t begin;  // byte offsets in the original text
  uint32_t end;
};

using TokenStore = io::SpillFile<StoredToken>;

}  // namespace doppel::passages
