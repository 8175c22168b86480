// Finishing a sort that bucketing by top bits left nearly done.
#pragma once

#include <cstddef>
#include <span>

namespace doppel::util {

// Sorts `items` (ascending, by <), for arrays nearly in order already: the
// few values out of place (ties of a bucket or radix digit, not far from
// their place) are moved back; for the rest the one comparison with the
// previous value nearly always says "in place", so the branch predicts.
template <typename T>
void InsertionSortNearlySorted(std::span<T> items) {
  T* a = items.data();
  for (size_t i = 1; i < items.size(); ++i) {
    const T v = a[i];
    if (!(v < a[i - 1])) continue;  // nearly always
    size_t j = i;
    do {
      a[j] = a[j - 1];
      --j;
    } while (j > 0 && v < a[j - 1]);
    a[j] = v;
  }
}

}  // namespace doppel::util
