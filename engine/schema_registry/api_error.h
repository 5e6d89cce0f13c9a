// ApiError: a Schema Registry REST error as Confluent's clients expect it, {"error_code":40401,"message":...}
// with the HTTP status derived from the code (40401 -> 404, 42201 -> 422, 50001 -> 500, 409 -> 409).
// Like Kafka error codes, these live only at the API boundary: the store's write planning and the router.
// Thread safety: values.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace partita::schema_registry {

// Confluent's codes (io.confluent.kafka.schemaregistry.rest.exceptions.Errors).
namespace error_code {
inline constexpr int kSubjectNotFound = 40401;
inline constexpr int kVersionNotFound = 40402;
inline constexpr int kSchemaNotFound = 40403;
inline constexpr int kSubjectSoftDeleted = 40404;
inline constexpr int kSubjectNotSoftDeleted = 40405;
inline constexpr int kVersionSoftDeleted = 40406;
inline constexpr int kVersionNotSoftDeleted = 40407;
inline constexpr int kSubjectCompatibilityNotConfigured = 40408;
inline constexpr int kSubjectModeNotConfigured = 40409;
inline constexpr int kIncompatibleSchema = 409;
inline constexpr int kInvalidSchema = 42201;
inline constexpr int kInvalidVersion = 42202;
inline constexpr int kInvalidCompatibilityLevel = 42203;
inline constexpr int kInvalidMode = 42204;
inline constexpr int kOperationNotPermitted = 42205;
inline constexpr int kReferenceExists = 42206;
inline constexpr int kIdDoesNotMatch = 42207;
inline constexpr int kStoreError = 50001;
inline constexpr int kOperationTimeout = 50002;
}  // namespace error_code

struct ApiError {
  int code = error_code::kStoreError;
  std::string message;
  int HttpStatus() const {
    int status = code;
    while (status > 999) status /= 10;
    return status;
  }
};

// A value or an ApiError.
template <class T>
class ApiResult {
 public:
  ApiResult(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  ApiResult(ApiError error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  const ApiError& error() const { return std::get<ApiError>(v_); }
  T& value() { return std::get<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, ApiError> v_;
};

}  // namespace partita::schema_registry
