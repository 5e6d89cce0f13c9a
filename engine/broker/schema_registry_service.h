// SchemaRegistryService: the Confluent-compatible Schema Registry served by every broker when
// schema.registry.listeners names an address (issue 15). State lives in the compacted topic `_schemas`
// (1 partition, replication factor min(3, live brokers), created on the first request like __consumer_offsets),
// in the records Confluent's KafkaStore writes, so ids survive restarts and leader changes:
// - Every broker hosting a replica of `_schemas`-0 replays it up to the high watermark into its
//   SchemaRegistryStore (a replay thread; the replica fetch brings the records to followers) and answers reads
//   from it. A broker without a replica forwards every request.
// - Writes (register, delete, config, mode) are planned and appended only by the leader of `_schemas`-0. On
//   gaining leadership it first appends a NOOP and serves writes once that NOOP is applied, so every record of
//   earlier leaders is in its state before it assigns an id (Confluent's KafkaStore does the same on election);
//   ids then stay global and monotonic across leader changes. A write answers only once its records are
//   committed (high watermark) and applied to the store.
// - Other brokers forward writes to the leader over HTTP (at the URL the leader published in ZooKeeper at
//   /partita/schema_registry/brokers/<id>), as Confluent's followers do; a forwarded request that reaches a
//   non-leader is answered 50003 rather than forwarded again.
// - HTTPS and Basic authentication (issue 15): an https:// listener serves TLS with the registry's TLS settings
//   (schema.registry.ssl.* over the broker's ssl.*) and forwards to the leader over https with the same trust
//   store; with schema.registry.authentication.method=BASIC every request needs a broker user's credentials
//   (HttpBasicAuthenticator), else 401 with Confluent's body, and a forwarded request carries the client's
//   Authorization header, so the leader checks it too.
// Thread safety: Start/Stop from the broker's owner thread; OnLeadershipChanged from any thread; requests run
// on the HTTP server's threads.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/metrics/http_server.h"
#include "engine/schema_registry/rest_router.h"
#include "engine/schema_registry/schema_registry_store.h"
#include "engine/security/http_basic_auth.h"
#include "engine/security/tls_context.h"

namespace partita::broker {

class Broker;
class Partition;

inline constexpr std::string_view kSchemasTopic = "_schemas";

// How the registry's listener is secured; all null: plain http, no authentication.
struct SchemaRegistrySecurity {
  std::shared_ptr<security::TlsContext> server_tls;  // set exactly for an https:// listener
  std::shared_ptr<security::TlsContext> client_tls;  // forwarding to a leader's https:// URL
  std::shared_ptr<const security::HttpBasicAuthenticator> basic_auth;  // authentication.method=BASIC
};

class SchemaRegistryService {
 public:
  // `broker` must outlive the service.
  SchemaRegistryService(Broker* broker, metrics::HttpListener listener, size_t max_request_bytes,
                        SchemaRegistrySecurity security = {});
  ~SchemaRegistryService();
  SchemaRegistryService(const SchemaRegistryService&) = delete;
  SchemaRegistryService& operator=(const SchemaRegistryService&) = delete;

  // Binds the listener, publishes its URL and starts the replay thread.
  Status Start();
  // Stops serving and replaying. Idempotent.
  void Stop();
  int BoundPort() const;
  // The broker's view of leadership changed: replay / fence at once instead of at the next poll.
  void OnLeadershipChanged();

 private:
  enum class Role { kNone, kReplica, kWriter };
  void Wake();  // the replay thread runs a round now
  metrics::HttpResponse Handle(const metrics::HttpRequest& request);
  // One forwarding attempt to `leader`. Unavailable: nothing was sent (retry); other errors: maybe applied.
  Result<metrics::HttpResponse> Forward(const metrics::HttpRequest& request, bool write, int32_t leader);
  // The router's writer: appends as leader and waits until the records are applied.
  Status Append(const std::vector<schema_registry::SchemasRecord>& records);
  Role CurrentRole();
  // Waits until this broker is the fenced writer (true), or the deadline passes / leadership is elsewhere.
  bool AwaitWriter(int64_t deadline_ms);
  int32_t LeaderId() const;  // of `_schemas`-0, -1 when none
  void EnsureTopic();
  void Run();   // replay thread
  void Step();  // one replay / fencing round

  Broker* const broker_;
  const metrics::HttpListener listener_;
  const size_t max_request_bytes_;
  const SchemaRegistrySecurity security_;
  schema_registry::SchemaRegistryStore store_;
  schema_registry::SchemaRegistryRouter router_;
  std::unique_ptr<metrics::HttpServer> server_;
  std::string url_;  // what this broker publishes

  std::mutex mu_;
  std::condition_variable applied_cv_;  // next_offset_ or the role changed
  std::condition_variable wake_cv_;     // the replay thread has work
  bool wake_ = false;
  bool stopping_ = false;
  bool want_topic_ = false;  // a request came: create `_schemas` if missing
  bool creating_topic_ = false;
  std::shared_ptr<Partition> partition_;  // the local replica replayed (null: none)
  Offset next_offset_{0};                 // next offset to apply
  bool caught_up_ = false;                // replayed to the high watermark since partition_ was loaded
  Offset committed_hint_{0};              // committed per the leader's answer to a forwarded write
  int waiting_writes_ = 0;                // writes waiting to be applied: the replay polls faster
  int32_t writer_epoch_ = -1;             // leader epoch whose NOOP is applied: writes allowed
  int32_t noop_epoch_ = -1;               // leader epoch whose NOOP was appended
  Offset noop_offset_{-1};
  std::thread thread_;
};

}  // namespace partita::broker
