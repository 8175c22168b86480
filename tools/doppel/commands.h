// The doppel command's subcommands: each adds itself to the app and runs
// when chosen. Exit codes: 0 success, 1 failure, 2 usage error.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace doppel::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// A registered subcommand and the function that executes it once parsed.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};

// Registers `doppel dedup`.
Command AddDedupCommand(CLI::App& app);
// Registers `doppel eval`.
Command AddEvalCommand(CLI::App& app);
// Registers `doppel synth`.
Command AddSynthCommand(CLI::App& app);
// Registers `doppel align`.
Command AddAlignCommand(CLI::App& app);
// Registers `doppel passages`.
Command AddPassagesCommand(CLI::App& app);

}  // namespace doppel::cli
