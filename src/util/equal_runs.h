// Runs of equal neighbours in a sorted sequence: what every grouping step
// does after its sort (band buckets, exact groups, document frequencies,
// repeated ids, seed hits, containers by cluster).
#pragma once

#include <cstddef>
#include <span>

namespace doppel::util {

// Calls fn(run), in order, for each maximal run of consecutive items that
// belong with the run's first: same(run.front(), item). Every run is
// non-empty and the runs cover `items`.
template <typename T, typename Same, typename Fn>
void ForEachEqualRun(std::span<T> items, const Same& same, const Fn& fn) {
  for (size_t i = 0; i < items.size();) {
    size_t j = i + 1;
    while (j < items.size() && same(items[i], items[j])) ++j;
    fn(items.subspan(i, j - i));
    i = j;
  }
}

}  // namespace doppel::util
