// Errors as values: Status for calls that return nothing, Result<T> for
// calls that return a value. No exception crosses the public API.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace doppel {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a caller or user error in options or arguments
  kNotFound,         // a named file or field does not exist
  kIoError,          // reading or writing failed
  kDataError,        // input is malformed and --strict asked to stop
  kInternal,         // a broken invariant: a bug in doppel
};

// The outcome of an operation: OK, or a code with a message meant for a user.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(StatusCode::kIoError, std::move(msg)); }
  static Status DataError(std::string msg) {
    return Status(StatusCode::kDataError, std::move(msg));
  }
  static Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value of type T, or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; Status::Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace doppel

#define DOPPEL_CONCAT_INNER(a, b) a##b
#define DOPPEL_CONCAT(a, b) DOPPEL_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define DOPPEL_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::doppel::Status doppel_status_ = (expr);        \
    if (!doppel_status_.ok()) return doppel_status_; \
  } while (0)

// Evaluates a Result expression; on error returns its Status, else moves the
// value into `lhs` (a declaration such as `auto x`).
#define DOPPEL_ASSIGN_OR_RETURN(lhs, expr)                   \
  auto DOPPEL_CONCAT(doppel_result_, __LINE__) = (expr);     \
  if (!DOPPEL_CONCAT(doppel_result_, __LINE__).ok())         \
    return DOPPEL_CONCAT(doppel_result_, __LINE__).status(); \
  lhs = std::move(DOPPEL_CONCAT(doppel_result_, __LINE__)).value()
