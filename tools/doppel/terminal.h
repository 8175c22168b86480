// What the doppel command shows on the terminal while the library works.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "doppel/observer.h"

namespace doppel::cli {

// Prints a one-line progress display on stderr when stderr is a terminal
// (and not quiet), and warnings unless quiet.
class TerminalObserver : public RunObserver {
 public:
  explicit TerminalObserver(bool quiet);
  ~TerminalObserver() override;
  void OnStage(std::string_view stage) override;
  void OnProgress(const Progress& progress) override;
  void OnWarning(std::string_view message) override;
  // Clears the progress line (before the final summary).
  void Finish();

 private:
  bool show_progress_;
  bool quiet_;
  bool line_shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

// "1,234,567"
std::string WithCommas(uint64_t n);

}  // namespace doppel::cli
