#include "pipeline/scratch.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

namespace doppel::pipeline {

namespace fs = std::filesystem;

ScratchDir::ScratchDir(const std::string& out_dir)
    : out_dir_(out_dir), path_(out_dir + "/.doppel-tmp-" + std::to_string(::getpid())) {}

ScratchDir::~ScratchDir() {
  if (!created_) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Status ScratchDir::Create() {
  std::error_code ec;
  fs::create_directories(out_dir_, ec);
  if (ec) return Status::IoError(out_dir_ + ": cannot create output directory: " + ec.message());
  fs::create_directories(path_, ec);
  if (ec) return Status::IoError(path_ + ": cannot create: " + ec.message());
  created_ = true;
  return Status::Ok();
}

Status CopyStdin(const std::string& path) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) return Status::IoError(path + ": cannot create");
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
    if (std::fwrite(buf, 1, n, out) != n) {
      std::fclose(out);
      return Status::IoError(path + ": write failed");
    }
  }
  bool failed = std::ferror(stdin) != 0;
  if (std::fclose(out) != 0 || failed) return Status::IoError("<stdin>: read failed");
  return Status::Ok();
}

}  // namespace doppel::pipeline
