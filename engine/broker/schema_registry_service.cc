#include "engine/broker/schema_registry_service.h"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "engine/broker/broker.h"
#include "engine/broker/log_scan.h"
#include "engine/broker/partition.h"
#include "engine/broker/topic_creator.h"
#include "engine/common/clock.h"
#include "engine/coordination/zk_client.h"
#include "engine/metrics/http_client.h"
#include "engine/protocol/batch_builder.h"

namespace partita::broker {

using schema_registry::SchemasRecord;

namespace {

constexpr int kHttpThreads = 4;
constexpr int64_t kPollIntervalMs = 50;     // replay poll when nothing wakes the thread
// While a write waits for its records (the high watermark moves when the followers fetch again, which does not
// wake this thread), the replay polls this often instead.
constexpr int64_t kWaitingPollIntervalMs = 2;
constexpr int64_t kWriteTimeoutMs = 10000;  // a write's records applied (Confluent: kafkastore.timeout.ms)
constexpr int64_t kLeaderWaitMs = 10000;    // a write arriving while `_schemas` has no leader yet
constexpr const char* kForwardedHeader = "X-Partita-Forwarded";
// On a write's answer from the writer: the `_schemas` offset its state includes. The broker that forwarded the
// write waits until its own replay reaches it, so a client reads its own write back from the broker it wrote to.
constexpr const char* kOffsetHeader = "X-Partita-Schemas-Offset";
constexpr int64_t kCatchUpWaitMs = 5000;
const std::string kUrlsPath = "/partita/schema_registry/brokers";

metrics::HttpResponse ErrorBody(int http_status, int code, const std::string& message) {
  nlohmann::json body;
  body["error_code"] = code;
  body["message"] = message;
  return {http_status, schema_registry::kSchemaRegistryContentType, body.dump()};
}

// Writes change `_schemas`: PUT, DELETE, and POST /subjects/{s}/versions (register). Other POSTs are reads
// answered from the local state, as Confluent's followers answer them: lookup (POST /subjects/{s}) and
// compatibility checks (POST /compatibility/...).
bool IsWrite(const metrics::HttpRequest& request) {
  if (request.method == "GET" || request.method == "HEAD") return false;
  if (request.method != "POST") return true;
  return request.path.rfind("/subjects/", 0) == 0 && request.path.find("/versions") != std::string::npos;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

SchemaRegistryService::SchemaRegistryService(Broker* broker, metrics::HttpListener listener, size_t max_request_bytes,
                                             SchemaRegistrySecurity security)
    : broker_(broker),
      listener_(std::move(listener)),
      max_request_bytes_(max_request_bytes),
      security_(std::move(security)),
      router_(&store_, [this](const std::vector<SchemasRecord>& records) { return Append(records); }) {}

SchemaRegistryService::~SchemaRegistryService() { Stop(); }

Status SchemaRegistryService::Start() {
  metrics::HttpServerOptions options;
  options.max_body_bytes = max_request_bytes_;
  options.keep_alive = true;
  options.threads = kHttpThreads;
  options.idle_timeout = std::chrono::milliseconds(30000);
  options.name = "schema.registry";
  if (security_.server_tls) {
    options.new_tls = [tls = security_.server_tls] { return tls->NewSsl(); };
  }
  server_ = std::make_unique<metrics::HttpServer>(listener_, options,
                                                  [this](const metrics::HttpRequest& r) { return Handle(r); });
  PARTITA_RETURN_IF_ERROR(server_->Start());
  std::string host = listener_.host;
  if (host == "0.0.0.0" || host == "::" || host.empty()) {
    const std::string bootstrap = broker_->BootstrapServers();
    host = bootstrap.substr(0, bootstrap.rfind(':'));
  }
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  url_ = listener_.Scheme() + "://" + host + ":" + std::to_string(server_->BoundPort());
  if (coordination::ZkClient* zk = broker_->zk()) {
    const std::string path = kUrlsPath + "/" + std::to_string(broker_->id());
    auto created = zk->Create(path, url_, coordination::CreateMode::kPersistent, true);
    if (!created.ok() && created.status().code() == Status::Code::kAlreadyExists) {
      Status st = zk->Set(path, url_).status();
      if (!st.ok()) return Status::Unavailable("schema registry: cannot publish its URL: " + st.message());
    } else if (!created.ok()) {
      return Status::Unavailable("schema registry: cannot publish its URL: " + created.status().message());
    }
  }
  thread_ = std::thread([this] { Run(); });
  spdlog::info("broker {}: schema registry at {}", broker_->id(), url_);
  return Status::Ok();
}

void SchemaRegistryService::Stop() {
  // Waiting requests see stopping_ first and give up, so the server's threads join at once.
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    wake_ = true;
  }
  wake_cv_.notify_all();
  applied_cv_.notify_all();
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
}

int SchemaRegistryService::BoundPort() const { return server_ ? server_->BoundPort() : 0; }

void SchemaRegistryService::OnLeadershipChanged() { Wake(); }

void SchemaRegistryService::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = true;
  }
  wake_cv_.notify_all();
}

void SchemaRegistryService::Run() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      const int64_t interval = waiting_writes_ > 0 ? kWaitingPollIntervalMs : kPollIntervalMs;
      wake_cv_.wait_for(lock, std::chrono::milliseconds(interval), [this] { return wake_; });
      wake_ = false;
      if (stopping_) return;
    }
    Step();
  }
}

void SchemaRegistryService::EnsureTopic() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (creating_topic_) return;
    creating_topic_ = true;
  }
  auto md = broker_->metadata();
  coordination::CreateTopicRequest request;
  request.name = std::string(kSchemasTopic);
  request.num_partitions = 1;
  // Confluent's kafkastore.topic.replication.factor is 3, lowered to the brokers there are (a local cluster).
  request.replication_factor = std::clamp<int32_t>(static_cast<int32_t>(md->brokers.size()), 1, 3);
  request.configs["cleanup.policy"] = "compact";
  CreateTopicOnFirstUse(broker_, request, [this] {
    std::lock_guard<std::mutex> lock(mu_);
    creating_topic_ = false;
  });
}

void SchemaRegistryService::Step() {
  auto md = broker_->metadata();
  const std::string topic(kSchemasTopic);
  if (!md->topics.count(topic)) {
    bool want;
    {
      std::lock_guard<std::mutex> lock(mu_);
      want = want_topic_;
    }
    if (want && !md->brokers.empty()) EnsureTopic();
    return;
  }
  std::shared_ptr<Partition> local = broker_->replicas().Get({topic, PartitionId(0)});
  Offset from, hint;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (local != partition_) {
      // A new replica (first load, or recreated): replay from the start.
      partition_ = local;
      store_.Clear();
      caught_up_ = false;
      next_offset_ = Offset(0);
      committed_hint_ = Offset(0);
      writer_epoch_ = noop_epoch_ = -1;
      applied_cv_.notify_all();
    }
    from = next_offset_;
    hint = committed_hint_;
  }
  if (!local) return;
  storage::Log* log = local->log();
  from = std::max(from, log->LogStartOffset());
  // Committed: below the high watermark, or below what the leader reported applied (a forwarded write's
  // answer), which a follower learns before its next fetch brings the new high watermark. The hint is used only
  // once this replica holds a batch of the current leader epoch (the NOOP every new writer appends): it has then
  // reconciled its log with this leader (KIP-101), so what it holds below the hint is the leader's.
  const bool reconciled = local->LatestEpoch() == std::optional<int32_t>(local->leader_epoch().value);
  const Offset hw = reconciled ? std::max(local->HighWatermark(), hint) : local->HighWatermark();
  if (from < hw) {
    size_t skipped = 0;
    auto next = ScanLogRecords(*log, from, hw, local->topic_partition().DirName(),
                               [this](const protocol::Record& r) {
                                 if (!r.key) return;
                                 SchemasRecord record;
                                 record.key.assign(r.key->begin(), r.key->end());
                                 if (r.value) record.value = std::string(r.value->begin(), r.value->end());
                                 if (Status st = store_.Apply(record); !st.ok()) {
                                   spdlog::warn("_schemas record at offset {} skipped: {}", r.offset, st.ToString());
                                 }
                               },
                               &skipped);
    if (!next.ok()) {
      spdlog::error("broker {}: replaying _schemas failed: {}", broker_->id(), next.status().ToString());
      return;
    }
    if (skipped) spdlog::warn("broker {}: {} undecodable _schemas batch(es) skipped", broker_->id(), skipped);
    from = *next;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (partition_ != local) return;
  next_offset_ = std::max(next_offset_, from);
  if (next_offset_ >= hw) caught_up_ = true;
  const int32_t epoch = local->leader_epoch().value;
  if (!local->IsLeader()) {
    writer_epoch_ = noop_epoch_ = -1;
  } else if (writer_epoch_ != epoch) {
    if (noop_epoch_ != epoch) {
      // Fence (Confluent's KafkaStore on election): once our NOOP is read back, every earlier record is applied.
      protocol::BatchBuilder builder(protocol::BatchBuilder::Options{});
      const SchemasRecord noop = schema_registry::NoopRecord();
      builder.Append(WallClockMs(), std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(noop.key.data()),
                                                             noop.key.size()),
                     std::nullopt);
      auto batch = builder.Build();
      if (batch.ok()) {
        PartitionAppend appended = local->AppendAsLeader(*batch, -1);
        if (appended.error == protocol::ErrorCode::kNone) {
          noop_epoch_ = epoch;
          noop_offset_ = appended.info.last_offset;
          broker_->replicas().OnPartitionChanged(local->topic_partition());
        } else {
          spdlog::warn("broker {}: _schemas NOOP not appended: {} {}", broker_->id(),
                       protocol::ErrorCodeName(appended.error), appended.message);
        }
      }
    } else if (next_offset_ > noop_offset_) {
      writer_epoch_ = epoch;
      spdlog::info("broker {}: schema registry writer for _schemas-0 (leader epoch {}, {} records replayed)",
                   broker_->id(), epoch, next_offset_.value);
    }
  }
  applied_cv_.notify_all();
}

SchemaRegistryService::Role SchemaRegistryService::CurrentRole() {
  std::lock_guard<std::mutex> lock(mu_);
  // A replica still replaying from the start (just loaded: a restart, a new replica) would answer from part of
  // the history; it serves nothing until it has caught up with its high watermark once, as Confluent's store
  // reads to the end of the topic before its REST API serves.
  if (!partition_ || !caught_up_) return Role::kNone;
  if (partition_->IsLeader() && writer_epoch_ == partition_->leader_epoch().value) return Role::kWriter;
  return Role::kReplica;
}

int32_t SchemaRegistryService::LeaderId() const {
  auto md = broker_->metadata();
  auto it = md->topics.find(std::string(kSchemasTopic));
  if (it == md->topics.end()) return -1;
  auto p = it->second.partitions.find(0);
  if (p == it->second.partitions.end() || p->second.leader < 0 || !md->brokers.count(p->second.leader)) return -1;
  return p->second.leader;
}

bool SchemaRegistryService::AwaitWriter(int64_t deadline_ms) {
  for (;;) {
    if (CurrentRole() == Role::kWriter) return true;
    const int32_t leader = LeaderId();
    if ((leader >= 0 && leader != broker_->id()) || MonotonicMs() >= deadline_ms) return false;
    Wake();
    std::unique_lock<std::mutex> lock(mu_);
    applied_cv_.wait_for(lock, std::chrono::milliseconds(kPollIntervalMs));
    if (stopping_) return false;
  }
}

metrics::HttpResponse SchemaRegistryService::Handle(const metrics::HttpRequest& request) {
  if (security_.basic_auth && !security_.basic_auth->Authenticate(request.Header("authorization"))) {
    // Confluent's answer (rest-utils' JSON error body) and the challenge RFC 7235 requires with a 401.
    metrics::HttpResponse denied = ErrorBody(401, 401, "Unauthorized");
    denied.headers["WWW-Authenticate"] = "Basic realm=\"SchemaRegistry\"";
    return denied;
  }
  const bool write = IsWrite(request);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!want_topic_) {
      want_topic_ = true;
      wake_ = true;
      wake_cv_.notify_all();
    }
  }
  const bool forwarded = !request.Header(Lower(kForwardedHeader)).empty();
  // A leader that died keeps its leadership until its ZooKeeper session expires and the controller elects
  // another: until then its address refuses connections, and the request waits for the new leader.
  const int64_t deadline = MonotonicMs() + kLeaderWaitMs + broker_->config().GetLong("zookeeper.session.timeout.ms");
  for (;;) {
    const Role role = CurrentRole();
    bool local = write ? role == Role::kWriter : role != Role::kNone;
    if (!local && write) {
      const int32_t leader = LeaderId();
      // We lead (or nobody does yet: the topic is being created): wait to become the fenced writer.
      if (leader == broker_->id() || leader < 0) local = AwaitWriter(std::min(deadline, MonotonicMs() + kLeaderWaitMs));
    }
    if (local) break;
    if (forwarded) {
      return ErrorBody(500, 50003, "Error while forwarding the request to the leader: broker " +
                                       std::to_string(broker_->id()) + " is not the leader of _schemas-0.");
    }
    const int32_t leader = LeaderId();
    if (leader >= 0 && leader != broker_->id()) {
      auto answer = Forward(request, write, leader);
      if (answer.ok()) return std::move(*answer);
      // Unavailable: nothing was sent (the leader's address refuses); anything else may have been applied.
      if (answer.status().code() != Status::Code::kUnavailable || MonotonicMs() >= deadline) {
        return ErrorBody(500, 50003, "Error while forwarding the request to the leader: " + answer.status().message());
      }
    } else if (MonotonicMs() >= deadline) {
      return ErrorBody(500, 50004, "Leader not known.");
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return ErrorBody(500, 50001, "The broker is shutting down.");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(4 * kPollIntervalMs));
  }
  auto routed = router_.Route({request.method, request.target, request.body});
  metrics::HttpResponse response{routed.status, routed.content_type, std::move(routed.body), {}};
  if (write) {
    std::lock_guard<std::mutex> lock(mu_);
    response.headers[kOffsetHeader] = std::to_string(next_offset_.value);
  }
  return response;
}

Result<metrics::HttpResponse> SchemaRegistryService::Forward(const metrics::HttpRequest& request, bool write,
                                                             int32_t leader) {
  coordination::ZkClient* zk = broker_->zk();
  if (!zk) return Status::Unavailable("no ZooKeeper session");
  auto url = zk->Get(kUrlsPath + "/" + std::to_string(leader));
  if (!url.ok()) {
    return Status::Unavailable("broker " + std::to_string(leader) + " serves no schema registry (" +
                               url.status().message() + ")");
  }
  std::string address = url->data.substr(url->data.find("://") + 3);
  const auto colon = address.rfind(':');
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const int port = std::atoi(address.c_str() + colon + 1);
  std::map<std::string, std::string> headers{{kForwardedHeader, std::to_string(broker_->id())}};
  if (auto ct = request.Header("content-type"); !ct.empty()) headers["Content-Type"] = ct;
  if (auto accept = request.Header("accept"); !accept.empty()) headers["Accept"] = accept;
  if (auto auth = request.Header("authorization"); !auth.empty()) headers["Authorization"] = auth;
  metrics::HttpCallOptions options;
  if (url->data.rfind("https://", 0) == 0) {
    if (!security_.client_tls) return Status::Unavailable("the leader serves https:// but this broker has no TLS settings");
    options.new_tls = [tls = security_.client_tls](const std::string& name) { return tls->NewSsl(name); };
  }
  options.timeout = std::chrono::milliseconds(write ? kWriteTimeoutMs + kLeaderWaitMs : kLeaderWaitMs);
  auto answer = metrics::HttpCall(host, port, request.method, request.target, headers, request.body, options);
  if (!answer.ok()) return answer.status();
  metrics::HttpResponse response = std::move(*answer);
  auto offset = response.headers.find(Lower(kOffsetHeader));
  if (offset != response.headers.end()) {
    const Offset target(std::strtoll(offset->second.c_str(), nullptr, 10));
    const int64_t caught_up_deadline = MonotonicMs() + kCatchUpWaitMs;
    std::unique_lock<std::mutex> lock(mu_);
    committed_hint_ = std::max(committed_hint_, target);
    ++waiting_writes_;
    wake_ = true;
    wake_cv_.notify_all();
    while (partition_ && next_offset_ < target && !stopping_ && MonotonicMs() < caught_up_deadline) {
      applied_cv_.wait_for(lock, std::chrono::milliseconds(kPollIntervalMs));
    }
    --waiting_writes_;
  }
  response.headers.clear();  // framing headers of the leader's answer; ours are written anew
  return response;
}

Status SchemaRegistryService::Append(const std::vector<SchemasRecord>& records) {
  std::shared_ptr<Partition> partition;
  int32_t epoch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    partition = partition_;
    if (!partition || !partition->IsLeader() || writer_epoch_ != partition->leader_epoch().value) {
      return Status::Unavailable("this broker is no longer the leader of _schemas-0");
    }
    epoch = writer_epoch_;
  }
  protocol::BatchBuilder builder(protocol::BatchBuilder::Options{});
  const int64_t now = WallClockMs();
  for (const auto& r : records) {
    std::optional<std::span<const uint8_t>> value;
    if (r.value) value = std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(r.value->data()), r.value->size());
    builder.Append(now, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(r.key.data()), r.key.size()), value);
  }
  auto batch = builder.Build();
  if (!batch.ok()) return batch.status();
  PartitionAppend appended = partition->AppendAsLeader(*batch, -1);
  if (appended.error != protocol::ErrorCode::kNone) {
    return Status::Unavailable(std::string("_schemas append failed: ") +
                               std::string(protocol::ErrorCodeName(appended.error)) + " " + appended.message);
  }
  broker_->replicas().OnPartitionChanged(partition->topic_partition());
  Wake();  // the replay thread (the HW may already include it: a single replica)
  const Offset target(appended.info.last_offset.value + 1);
  const int64_t deadline = MonotonicMs() + kWriteTimeoutMs;
  std::unique_lock<std::mutex> lock(mu_);
  ++waiting_writes_;
  Status outcome;
  for (;;) {
    if (partition_ == partition && next_offset_ >= target) break;
    if (stopping_ || partition_ != partition || !partition->IsLeader() || partition->leader_epoch().value != epoch) {
      outcome = Status::Unavailable("leadership of _schemas-0 moved before the write was committed");
      break;
    }
    if (MonotonicMs() >= deadline) {
      outcome = Status::Timeout("the write was not committed in time");
      break;
    }
    applied_cv_.wait_for(lock, std::chrono::milliseconds(kPollIntervalMs));
  }
  --waiting_writes_;
  return outcome;
}

}  // namespace partita::broker
