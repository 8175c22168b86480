#include "terminal.h"

#include <unistd.h>

#include <cstdio>

namespace doppel::cli {

std::string WithCommas(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

TerminalObserver::TerminalObserver(bool quiet)
    : show_progress_(!quiet && ::isatty(STDERR_FILENO) != 0),
      quiet_(quiet),
      start_(std::chrono::steady_clock::now()) {}

TerminalObserver::~TerminalObserver() { Finish(); }

void TerminalObserver::Finish() {
  if (line_shown_) std::fputs("\r\033[K", stderr);
  line_shown_ = false;
}

void TerminalObserver::OnStage(std::string_view stage) {
  if (!show_progress_) return;
  std::fprintf(stderr, "\r\033[K%.*s ...", static_cast<int>(stage.size()), stage.data());
  line_shown_ = true;
}

void TerminalObserver::OnProgress(const Progress& p) {
  if (!show_progress_) return;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (secs <= 0) return;
  char buf[128];
  if (p.total_items > 0) {  // a stage that counts items (pairs), not documents
    double frac = static_cast<double>(p.documents) / static_cast<double>(p.total_items);
    std::snprintf(buf, sizeof buf, "%.*s: %s of %s pairs (%.0f%%)",
                  static_cast<int>(p.stage.size()), p.stage.data(), WithCommas(p.documents).c_str(),
                  WithCommas(p.total_items).c_str(), 100 * frac);
    std::fprintf(stderr, "\r\033[K%s", buf);
    line_shown_ = true;
    return;
  }
  std::string line = std::string(p.stage) + ": " + WithCommas(p.documents) + " documents";
  std::snprintf(buf, sizeof buf, ", %.0f docs/s, %.1f MB/s", p.documents / secs,
                p.bytes / secs / 1e6);
  line += buf;
  if (p.total_bytes > 0 && p.bytes > 0) {
    double frac = static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes);
    double eta = secs * (1 - frac) / frac;
    std::snprintf(buf, sizeof buf, ", %.0f%%, ETA %d:%02d", 100 * frac, static_cast<int>(eta) / 60,
                  static_cast<int>(eta) % 60);
    line += buf;
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  line_shown_ = true;
}

void TerminalObserver::OnWarning(std::string_view message) {
  if (quiet_) return;
  Finish();
  std::fprintf(stderr, "doppel: warning: %.*s\n", static_cast<int>(message.size()), message.data());
}

}  // namespace doppel::cli
