// How many threads the running code may use: what sizes its tasks, its
// buffers in flight and its per-thread memory.
#pragma once

namespace doppel::util {

// The threads this code may run on: the current task arena's concurrency,
// lowered by a tbb::global_control limit (how `--threads` is applied). The
// arena's own figure alone ignores that limit: with `--threads 1` on a
// two-core machine it says 2, and on a 16-core one with `--threads 4` it
// says 16. At least 1.
int Concurrency();

}  // namespace doppel::util
