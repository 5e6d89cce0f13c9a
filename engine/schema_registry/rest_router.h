// SchemaRegistryRouter: Confluent's Schema Registry v1 REST API as a pure function of a request, over a
// SchemaRegistryStore. No sockets here: an HTTP listener hands each request to Route() and sends back what it
// returns. Reads answer from the store; writes plan records with the store and hand them to the
// SchemasWriter, which must append them to `_schemas` and return only once they have been read back and
// applied to this same store (so the answer reflects them), or fail.
//
// Routes: GET / ; GET /subjects[?deleted=true&subjectPrefix=p] ; GET|POST /subjects/{s}/versions ;
// GET|DELETE /subjects/{s}/versions/{v|latest}[?permanent=true] ; GET .../{v}/schema ; GET .../{v}/referencedby ;
// POST|DELETE /subjects/{s}[?permanent=true] ; GET /schemas[?subjectPrefix=p&latestOnly=true&deleted=true] ;
// GET /schemas/ids/{id}[/schema|/versions|/subjects] ;
// GET /schemas/types ; GET|PUT|DELETE /config[/{s}] ; GET|PUT|DELETE /mode[/{s}] ;
// POST /compatibility/subjects/{s}/versions[/{v|latest}][?verbose=true].
// Errors are Confluent's JSON ({"error_code":40401,"message":"Subject 'x' not found."}).
//
// Thread safety: Route() may be called from any number of threads; writes are serialized inside (one plan
// and its write at a time), which is what keeps ids unique on the single writer.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "engine/common/status.h"
#include "engine/schema_registry/api_error.h"
#include "engine/schema_registry/schema_registry_store.h"

namespace partita::schema_registry {

inline constexpr const char* kSchemaRegistryContentType = "application/vnd.schemaregistry.v1+json";

struct HttpRequest {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string target;  // the request target as received: percent-encoded path and query
  std::string body;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = kSchemaRegistryContentType;
  std::string body;
};

// Appends records to `_schemas` and waits until they are applied to the store. kTimeout becomes 50002,
// other errors 50001. Called with the router's write lock held, never with the store's lock held.
using SchemasWriter = std::function<Status(const std::vector<SchemasRecord>&)>;

class SchemaRegistryRouter {
 public:
  // `store` must outlive the router.
  SchemaRegistryRouter(SchemaRegistryStore* store, SchemasWriter writer);

  HttpResponse Route(const HttpRequest& request);

 private:
  struct Parsed;
  HttpResponse Dispatch(const Parsed& request);
  HttpResponse Subjects(const Parsed& r);
  HttpResponse AllSchemas(const Parsed& r);
  HttpResponse SubjectVersions(const Parsed& r, const std::string& subject);
  HttpResponse SubjectVersion(const Parsed& r, const std::string& subject, const std::string& version);
  HttpResponse Register(const Parsed& r, const std::string& subject);
  HttpResponse Lookup(const Parsed& r, const std::string& subject);
  HttpResponse DeleteSubject(const Parsed& r, const std::string& subject);
  HttpResponse SchemaById(const Parsed& r, const std::string& id, const std::string& what);
  HttpResponse Config(const Parsed& r, const std::optional<std::string>& subject);
  HttpResponse Mode(const Parsed& r, const std::optional<std::string>& subject);
  HttpResponse Compatibility(const Parsed& r, const std::string& subject, const std::optional<std::string>& version);
  // Runs the write and maps its failure to Confluent's 5000x.
  std::optional<ApiError> Write(const std::vector<SchemasRecord>& records);

  SchemaRegistryStore* store_;
  SchemasWriter writer_;
  std::mutex write_mu_;  // one plan + write at a time
};

}  // namespace partita::schema_registry
