#include <algorithm>
#include <filesystem>
#include <system_error>

#include "io/document_reader.h"

namespace doppel::io {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

InputFormat FormatOf(std::string_view name) {
  for (std::string_view z : {".gz", ".zst", ".zstd"}) {
    if (EndsWith(name, z)) {
      name.remove_suffix(z.size());
      break;
    }
  }
  for (std::string_view j : {".jsonl", ".ndjson", ".json"}) {
    if (EndsWith(name, j)) return InputFormat::kJsonl;
  }
  return InputFormat::kText;
}

Result<InputFile> MakeFile(const std::string& path, const std::string& name, std::string text_id) {
  DOPPEL_RETURN_IF_ERROR(CheckReadable(path));
  std::error_code ec;
  uint64_t size = fs::file_size(path, ec);
  DOPPEL_ASSIGN_OR_RETURN(bool compressed, IsCompressed(path));
  InputFile f{path, name, std::move(text_id), FormatOf(name), ec ? 0 : size, compressed};
  return f;
}

Status ExpandDirectory(const std::string& dir, std::vector<InputFile>* out) {
  std::vector<std::string> rel;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) return Status::IoError(dir + ": cannot list directory: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError(dir + ": cannot list directory: " + ec.message());
    std::string base = it->path().filename().string();
    if (!base.empty() && base[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) rel.push_back(fs::relative(it->path(), dir).generic_string());
  }
  std::sort(rel.begin(), rel.end());
  std::string prefix = dir;
  if (!prefix.empty() && prefix.back() != '/') prefix.push_back('/');
  for (const std::string& r : rel) {
    DOPPEL_ASSIGN_OR_RETURN(InputFile f, MakeFile(prefix + r, prefix + r, r));
    out->push_back(std::move(f));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& args,
                                            const std::string& stdin_copy) {
  std::vector<InputFile> files;
  for (const std::string& arg : args) {
    if (arg == "-") {  // the caller copies standard input there after this check
      files.push_back(InputFile{stdin_copy, "<stdin>", "<stdin>", InputFormat::kJsonl, 0, false});
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      DOPPEL_RETURN_IF_ERROR(ExpandDirectory(arg, &files));
      continue;
    }
    DOPPEL_ASSIGN_OR_RETURN(InputFile f, MakeFile(arg, arg, arg));
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace doppel::io
