#include "cli/cli_runner.h"

#include <simdjson.h>
#include <sys/wait.h>

#include <cstdlib>

#include "test_util.h"

namespace doppel::testing {

namespace {

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q.push_back(c);
    }
  }
  return q + "'";
}

}  // namespace

std::string SourceDir() {
  const char* dir = std::getenv("DOPPEL_SOURCE_DIR");
  return dir ? dir : DOPPEL_TEST_SOURCE_DIR;
}

CliResult RunDoppel(const std::vector<std::string>& args, const std::string& stdin_data) {
  TempDir io;
  WriteFile(io.File("in"), stdin_data);
  const char* bin = std::getenv("DOPPEL_BIN");
  std::string cmd = Quote(bin ? bin : DOPPEL_TEST_BIN);
  // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on a
  // literal + std::string&&.
  auto append = [&](const char* separator, const std::string& word) {
    cmd += separator;
    cmd += Quote(word);
  };
  for (const auto& a : args) append(" ", a);
  append(" <", io.File("in"));
  append(" >", io.File("out"));
  append(" 2>", io.File("err"));
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(io.File("out"));
  r.err = ReadFile(io.File("err"));
  return r;
}

std::vector<std::map<std::string, std::string>> ReadJsonl(const std::string& path) {
  std::vector<std::map<std::string, std::string>> rows;
  simdjson::dom::parser parser;
  for (const std::string& line : ReadLines(path)) {
    std::map<std::string, std::string> row;
    simdjson::dom::object obj;
    if (parser.parse(line).get(obj)) {
      row["__error__"] = line;
    } else {
      for (auto field : obj) row[std::string(field.key)] = simdjson::minify(field.value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace doppel::testing
