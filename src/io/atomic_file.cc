#include "io/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace doppel::io {

AtomicFile::~AtomicFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(tmp_path_.c_str());
  }
}

Status AtomicFile::Open(const std::string& path) {
  path_ = path;
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  tmp_path_ = dir + "." + base + ".tmp";
  written_ = 0;
  written_back_ = 0;
  file_ = std::fopen(tmp_path_.c_str(), "wb");
  if (file_ == nullptr) {
    return Status::IoError(tmp_path_ + ": cannot create: " + std::strerror(errno));
  }
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  return Status::Ok();
}

Status AtomicFile::Write(std::string_view bytes) {
  if (bytes.empty()) return Status::Ok();
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return Status::IoError(tmp_path_ + ": write failed: " + std::strerror(errno));
  }
  written_ += bytes.size();
  return StartWriteBack();
}

Status AtomicFile::StartWriteBack() {
  if (written_ - written_back_ < kWriteBackBytes) return Status::Ok();
  if (std::fflush(file_) != 0) {
    return Status::IoError(tmp_path_ + ": write failed: " + std::strerror(errno));
  }
#ifdef __linux__
  // Only a hint: Commit's fsync reports what fails, so an error here is
  // left to it.
  ::sync_file_range(fileno(file_), static_cast<off_t>(written_back_),
                    static_cast<off_t>(written_ - written_back_), SYNC_FILE_RANGE_WRITE);
#endif
  written_back_ = written_;
  return Status::Ok();
}

Status AtomicFile::Commit() {
  bool ok = std::fflush(file_) == 0 && ::fsync(fileno(file_)) == 0;
  int err = errno;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) {
    std::remove(tmp_path_.c_str());
    return Status::IoError(tmp_path_ + ": write failed: " + std::strerror(err));
  }
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    return Status::IoError(path_ + ": cannot rename into place: " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace doppel::io
