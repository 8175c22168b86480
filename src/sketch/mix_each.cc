#include "sketch/mix_each.h"

#include "doppel/hash.h"

// One version of each loop per instruction set, chosen at load time
// (GCC's function multiversioning); the compiler vectorizes each.
#if defined(__x86_64__) && defined(__GNUC__)
#define DOPPEL_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define DOPPEL_VECTOR_CLONES
#endif

namespace doppel::sketch {

DOPPEL_VECTOR_CLONES void MixEach(const uint64_t* in, size_t n, uint64_t salt, uint64_t* out) {
  for (size_t i = 0; i < n; ++i) out[i] = Mix64(in[i] ^ salt);
}

DOPPEL_VECTOR_CLONES void MixEach(const uint32_t* in, size_t n, uint64_t* out) {
  for (size_t i = 0; i < n; ++i) out[i] = Mix64(in[i]);
}

}  // namespace doppel::sketch
