// Runs the doppel binary the way a user would, for end-to-end tests.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace doppel::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `doppel args...` (the binary built with the tests, or $DOPPEL_BIN) with `stdin_data`
// on standard input; stdout and stderr are captured (neither is a terminal).
CliResult RunDoppel(const std::vector<std::string>& args, const std::string& stdin_data = "");

// The source tree (or $DOPPEL_SOURCE_DIR), for example and seed corpora.
std::string SourceDir();

// The JSON Lines of `path`, each as a flat map of key to raw JSON value
// ("\"x\"" for a string, "0.8539" for a number).
std::vector<std::map<std::string, std::string>> ReadJsonl(const std::string& path);

}  // namespace doppel::testing
