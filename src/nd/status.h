// Status and Result<T>: errors as values.
//
// Conventions for every module of stackshot:
// - A function that can fail on input returns Status or Result<T>; no exception
//   crosses a module boundary and library code never exits the process.
// - A message is one line, lower case, without a trailing period. Each layer that
//   passes an error up prefixes its own context with WithContext():
//   "scene.json#/layers/0/source: cells.h5: dataset '/raw' not found (have: /nuclei)".
// - Code says what kind of failure it was, so callers (and the CLI's exit code) can
//   tell bad input from I/O trouble or cancellation without parsing text.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace stackshot {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input: scene, flag, data that cannot be used
  kNotFound,         // a file, dataset, layer or key that does not exist
  kIoError,          // reading or writing failed
  kCancelled,        // the work was asked to stop
  kDeadlineExceeded, // a wait ran out of time
  kInternal,         // a bug: an invariant did not hold
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "context: message"; an ok status stays ok.
  Status WithContext(const std::string& context) const&;
  Status WithContext(const std::string& context) &&;

  // The message alone, or "ok".
  std::string ToString() const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status IoError(std::string message);
Status CancelledError(std::string message);
Status DeadlineExceededError(std::string message);
Status InternalError(std::string message);

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = InternalError("Result built from an ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

  Result WithContext(const std::string& context) && {
    if (ok()) return std::move(*this);
    return Result(status_.WithContext(context));
  }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace stackshot

#define STACKSHOT_CONCAT_INNER(a, b) a##b
#define STACKSHOT_CONCAT(a, b) STACKSHOT_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the calling function when it is not ok.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    ::stackshot::Status stackshot_status_ = (expr);  \
    if (!stackshot_status_.ok()) return stackshot_status_; \
  } while (0)

// `lhs = value of expr`, or returns its Status from the calling function.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(STACKSHOT_CONCAT(stackshot_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
