// Status / Result<T>: the engine's one error type. Kafka wire error codes live only in responses
// (protocol/error_codes.h); everything else reports a Status. No exception crosses the engine's API.
// Thread safety: values; safe to copy between threads.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace partita {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kCorruption,       // bad bytes from disk or network
    kInvalidArgument,  // a caller or a config value is wrong
    kNotFound,
    kAlreadyExists,
    kIOError,
    kNoSpace,          // ENOSPC / EDQUOT
    kUnsupported,
    kTimeout,
    kUnavailable,      // a dependency (ZooKeeper, a peer) is not reachable now
    kAborted,          // shutting down, fenced, cancelled
    kAddressInUse,     // a listener's address is bound by another socket (EADDRINUSE)
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status InvalidArgument(std::string_view msg) { return Status(Code::kInvalidArgument, msg); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status AlreadyExists(std::string_view msg) { return Status(Code::kAlreadyExists, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status NoSpace(std::string_view msg) { return Status(Code::kNoSpace, msg); }
  static Status Unsupported(std::string_view msg) { return Status(Code::kUnsupported, msg); }
  static Status Timeout(std::string_view msg) { return Status(Code::kTimeout, msg); }
  static Status Unavailable(std::string_view msg) { return Status(Code::kUnavailable, msg); }
  static Status Aborted(std::string_view msg) { return Status(Code::kAborted, msg); }
  static Status AddressInUse(std::string_view msg) { return Status(Code::kAddressInUse, msg); }
  // From an errno value: ENOSPC/EDQUOT become kNoSpace, ENOENT kNotFound, EADDRINUSE kAddressInUse, the rest
  // kIOError.
  static Status FromErrno(int err, std::string_view context);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsNoSpace() const { return code_ == Code::kNoSpace; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Result<T>: a value or a non-ok Status.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace partita

#define PARTITA_RETURN_IF_ERROR(expr)        \
  do {                                       \
    ::partita::Status _st = (expr);          \
    if (!_st.ok()) return _st;               \
  } while (0)
