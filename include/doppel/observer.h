// How a long-running library call reports progress and warnings to its
// caller. The library never prints; a front end decides what to show.
#pragma once

#include <cstdint>
#include <string_view>

namespace doppel {

struct Progress {
  std::string_view stage;    // "read", "candidates", "verify", "cluster", "write"
  uint64_t documents = 0;    // documents (or, with total_items, items) done in this stage
  uint64_t bytes = 0;        // input bytes done (reading stages)
  uint64_t total_bytes = 0;  // input bytes in all (0 when unknown)
  uint64_t total_items = 0;  // items in this stage when known (pairs to verify)
};

// Receives reports from one run. Calls come from one thread at a time.
class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // A stage begins.
  virtual void OnStage(std::string_view /*stage*/) {}
  // Work advanced; called at most a few times a second.
  virtual void OnProgress(const Progress& /*progress*/) {}
  // Something the user should know that does not stop the run.
  virtual void OnWarning(std::string_view /*message*/) {}
};

}  // namespace doppel
