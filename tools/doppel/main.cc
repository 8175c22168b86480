// doppel: finds documents and passages that are copies of one another.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "doppel finds documents that are copies of one another in text corpora -- exact\n"
      "copies, near-duplicates, copies wrapped in other boilerplate, truncated or embedded\n"
      "in longer pages -- clusters them and says what to keep."};
  app.name("doppel");
  app.set_version_flag("--version", DOPPEL_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Run 'doppel COMMAND --help' for a command's options.\n"
      "Documentation: docs/ in the source tree (docs/dedup.md for the dedup run).");
  const doppel::cli::Command commands[] = {
      doppel::cli::AddDedupCommand(app), doppel::cli::AddEvalCommand(app),
      doppel::cli::AddAlignCommand(app), doppel::cli::AddPassagesCommand(app),
      doppel::cli::AddSynthCommand(app),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? doppel::cli::kExitOk : doppel::cli::kExitUsage;
  }
  for (const auto& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return doppel::cli::kExitUsage;  // unreachable: a subcommand is required
}
