// The scratch directory a run keeps its temporary files in, inside its
// output directory, and the copy of standard input it reads from there.
#pragma once

#include <string>

#include "doppel/status.h"

namespace doppel::pipeline {

// OUTDIR/.doppel-tmp-PID; created by Create(), removed with its contents
// when the object goes.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& out_dir);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Creates the output directory (if needed) and the scratch directory.
  Status Create();
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string out_dir_;
  std::string path_;
  bool created_ = false;
};

// Copies standard input to `path`.
Status CopyStdin(const std::string& path);

}  // namespace doppel::pipeline
