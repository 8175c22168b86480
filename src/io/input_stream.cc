#include "io/input_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace doppel::io {
namespace {

std::string ErrnoText(const std::string& path, const char* what) {
  return path + ": " + what + ": " + std::strerror(errno);
}

class FileStream : public InputStream {
 public:
  FileStream(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FileStream() override { ::close(fd_); }
  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return Status::IoError(ErrnoText(path_, "read failed"));
    }
  }

 private:
  int fd_;
  std::string path_;
};

class GzipStream : public InputStream {
 public:
  GzipStream(gzFile file, std::string path) : file_(file), path_(std::move(path)) {}
  ~GzipStream() override { gzclose(file_); }
  Result<size_t> Read(char* buf, size_t n) override {
    if (n > (1u << 30)) n = 1u << 30;
    int got = gzread(file_, buf, static_cast<unsigned>(n));
    if (got < 0) {
      int err = 0;
      const char* msg = gzerror(file_, &err);
      return Status::IoError(path_ + ": gzip data is corrupt: " + msg);
    }
    return static_cast<size_t>(got);
  }

 private:
  gzFile file_;
  std::string path_;
};

class ZstdStream : public InputStream {
 public:
  ZstdStream(std::unique_ptr<InputStream> raw, std::string path)
      : raw_(std::move(raw)), path_(std::move(path)), dctx_(ZSTD_createDStream()) {
    in_buf_.resize(ZSTD_DStreamInSize());
  }
  ~ZstdStream() override { ZSTD_freeDStream(dctx_); }
  Result<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (in_.pos == in_.size) {
        auto got = raw_->Read(in_buf_.data(), in_buf_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (!frame_done_) return Status::IoError(path_ + ": zstd data ends in mid-frame");
          return size_t{0};
        }
        in_ = ZSTD_inBuffer{in_buf_.data(), *got, 0};
      }
      size_t ret = ZSTD_decompressStream(dctx_, &out, &in_);
      if (ZSTD_isError(ret)) {
        return Status::IoError(path_ + ": zstd data is corrupt: " + ZSTD_getErrorName(ret));
      }
      frame_done_ = ret == 0;
    }
    return out.pos;
  }

 private:
  std::unique_ptr<InputStream> raw_;
  std::string path_;
  ZSTD_DStream* dctx_;
  std::vector<char> in_buf_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  bool frame_done_ = true;
};

Result<int> OpenFd(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(ErrnoText(path, "cannot open"));
  return fd;
}

}  // namespace

Status CheckReadable(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file or directory");
    return Status::IoError(ErrnoText(path, "cannot read"));
  }
  if (!S_ISREG(st.st_mode)) return Status::IoError(path + ": not a regular file");
  DOPPEL_ASSIGN_OR_RETURN(int fd, OpenFd(path));
  ::close(fd);
  return Status::Ok();
}

namespace {

enum class Compression { kNone, kGzip, kZstd };

Result<Compression> SniffCompression(int fd, const std::string& path) {
  unsigned char magic[4] = {0, 0, 0, 0};
  ssize_t got = ::pread(fd, magic, sizeof magic, 0);
  if (got < 0) return Status::IoError(ErrnoText(path, "read failed"));
  if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return Compression::kGzip;
  if (got == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

}  // namespace

Result<bool> IsCompressed(const std::string& path) {
  DOPPEL_ASSIGN_OR_RETURN(int fd, OpenFd(path));
  auto kind = SniffCompression(fd, path);
  ::close(fd);
  if (!kind.ok()) return kind.status();
  return *kind != Compression::kNone;
}

Result<std::unique_ptr<InputStream>> OpenInputStream(const std::string& path) {
  DOPPEL_ASSIGN_OR_RETURN(int fd, OpenFd(path));
  auto kind = SniffCompression(fd, path);
  if (!kind.ok()) {
    ::close(fd);
    return kind.status();
  }
  if (*kind == Compression::kGzip) {
    gzFile gz = gzdopen(fd, "rb");
    if (gz == nullptr) {
      ::close(fd);
      return Status::IoError(path + ": cannot open gzip stream");
    }
    gzbuffer(gz, 1 << 17);
    return std::unique_ptr<InputStream>(new GzipStream(gz, path));
  }
  auto raw = std::unique_ptr<InputStream>(new FileStream(fd, path));
  if (*kind == Compression::kZstd) {
    return std::unique_ptr<InputStream>(new ZstdStream(std::move(raw), path));
  }
  return raw;
}

}  // namespace doppel::io
