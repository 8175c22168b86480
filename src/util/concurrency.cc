#include "util/concurrency.h"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

namespace doppel::util {

int Concurrency() {
  const size_t allowed =
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  const auto arena = static_cast<size_t>(tbb::this_task_arena::max_concurrency());
  return static_cast<int>(std::max<size_t>(std::min(arena, allowed), 1));
}

}  // namespace doppel::util
