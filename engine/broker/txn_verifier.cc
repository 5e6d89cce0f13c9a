#include "engine/broker/txn_verifier.h"

#include <spdlog/spdlog.h>

#include <set>

#include "engine/client/broker_connection.h"
#include "engine/protocol/messages/add_partitions_to_txn.h"

namespace partita::broker {

using protocol::ErrorCode;
using transactions::TxnPartition;

namespace {

TxnVerifier::PartitionErrors AllPartitions(const std::vector<TxnPartition>& partitions, ErrorCode error) {
  TxnVerifier::PartitionErrors errors;
  for (const auto& p : partitions) errors[p] = error;
  return errors;
}

}  // namespace

TxnVerifier::TxnVerifier(Options options, CoordinatorOf coordinator_of, Endpoints endpoints)
    : options_(std::move(options)), coordinator_of_(std::move(coordinator_of)), endpoints_(std::move(endpoints)) {
  thread_ = std::thread([this] { Loop(); });
}

TxnVerifier::~TxnVerifier() { Stop(); }

void TxnVerifier::Stop() {
  std::vector<Question> left;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    left.swap(queue_);
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  for (auto& q : left) q.done(AllPartitions(q.partitions, ErrorCode::kNetworkException));
}

void TxnVerifier::Verify(const std::string& transactional_id, int64_t producer_id, int16_t producer_epoch,
                         std::vector<TxnPartition> partitions, Done done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      queue_.push_back({transactional_id, producer_id, producer_epoch, std::move(partitions), std::move(done)});
      cv_.notify_all();
      return;
    }
  }
  done(AllPartitions(partitions, ErrorCode::kNetworkException));
}

void TxnVerifier::Loop() {
  for (;;) {
    std::vector<Question> round;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) break;
      round.swap(queue_);
    }
    std::map<int32_t, std::vector<Question>> by_coordinator;
    for (auto& q : round) {
      int32_t coordinator = -1;
      if (ErrorCode e = coordinator_of_(q.transactional_id, &coordinator); e != ErrorCode::kNone) {
        q.done(AllPartitions(q.partitions, e));
        continue;
      }
      by_coordinator[coordinator].push_back(std::move(q));
    }
    for (auto& [coordinator, questions] : by_coordinator) AskCoordinator(coordinator, questions);
  }
  connections_.clear();
}

client::BrokerConnection* TxnVerifier::ConnectionTo(int32_t broker) {
  auto& conn = connections_[broker];
  if (conn && conn->connected()) return conn.get();
  conn.reset();
  auto endpoint = endpoints_(broker);
  if (!endpoint) return nullptr;
  client::ConnectionOptions o;
  o.client_id = "txn-verifier-" + std::to_string(options_.broker_id);
  o.request_timeout_ms = options_.request_timeout_ms;
  o.tls = options_.tls;
  auto opened = client::BrokerConnection::Connect(endpoint->first, endpoint->second, o);
  if (!opened.ok()) {
    spdlog::debug("transaction verification at broker {}: {}", broker, opened.status().ToString());
    return nullptr;
  }
  conn = std::move(*opened);
  return conn.get();
}

void TxnVerifier::AskCoordinator(int32_t coordinator, std::vector<Question>& questions) {
  // One entry per transactional id: the newest (producer id, epoch) asks for the union of its questions'
  // partitions; older epochs are fenced already.
  std::map<std::string, std::vector<Question*>> by_id;
  for (auto& q : questions) by_id[q.transactional_id].push_back(&q);
  protocol::AddPartitionsToTxnRequest request;
  std::map<std::string, std::vector<Question*>> asking;
  for (auto& [id, qs] : by_id) {
    const Question* newest = qs.front();
    for (const Question* q : qs)
      if (q->producer_epoch > newest->producer_epoch) newest = q;
    std::map<std::string, std::set<int32_t>> topics;
    for (Question* q : qs) {
      if (q->producer_id != newest->producer_id || q->producer_epoch != newest->producer_epoch) {
        q->done(AllPartitions(q->partitions, ErrorCode::kInvalidProducerEpoch));
        continue;
      }
      for (const auto& [topic, partition] : q->partitions) topics[topic].insert(partition);
      asking[id].push_back(q);
    }
    auto& txn = request.transactions.emplace_back();
    txn.transactional_id = id;
    txn.producer_id = newest->producer_id;
    txn.producer_epoch = newest->producer_epoch;
    txn.verify_only = true;
    for (auto& [topic, partitions] : topics) {
      auto& t = txn.topics.emplace_back();
      t.name = topic;
      t.partitions.assign(partitions.begin(), partitions.end());
    }
  }
  auto answer_all = [&asking](ErrorCode e) {
    for (auto& [id, qs] : asking)
      for (Question* q : qs) q->done(AllPartitions(q->partitions, e));
  };
  client::BrokerConnection* conn = ConnectionTo(coordinator);
  if (!conn) return answer_all(ErrorCode::kNetworkException);
  auto version = conn->PickVersion<protocol::AddPartitionsToTxnRequest>();
  if (!version.ok() || *version < protocol::AddPartitionsToTxnRequest::kFirstBrokerVersion) {
    // A coordinator that cannot verify (an older broker during an upgrade): as Kafka, the produce goes on
    // unverified rather than failing until every broker is upgraded.
    spdlog::warn("broker {} does not serve AddPartitionsToTxn v4+; transactional writes go unverified", coordinator);
    return answer_all(ErrorCode::kNone);
  }
  auto response =
      conn->Send<protocol::AddPartitionsToTxnRequest, protocol::AddPartitionsToTxnResponse>(request, *version);
  if (!response.ok()) {
    spdlog::debug("transaction verification at broker {}: {}", coordinator, response.status().ToString());
    conn->Close();
    return answer_all(ErrorCode::kNetworkException);
  }
  if (response->error_code != 0) {
    // Kafka: a client must not see CLUSTER_AUTHORIZATION_FAILED (the brokers' own principal was refused); the
    // verification did not complete, which the producer sees as INVALID_TXN_STATE.
    const auto e = static_cast<ErrorCode>(response->error_code);
    return answer_all(e == ErrorCode::kClusterAuthorizationFailed ? ErrorCode::kInvalidTxnState : e);
  }
  std::map<std::string, PartitionErrors> results;
  for (const auto& txn : response->results_by_transaction) {
    for (const auto& t : txn.topic_results) {
      for (const auto& p : t.results) {
        auto e = static_cast<ErrorCode>(p.partition_error_code);
        // Producers expect INVALID_PRODUCER_EPOCH for a fenced write (Kafka's AddPartitionsToTxnManager).
        if (e == ErrorCode::kProducerFenced) e = ErrorCode::kInvalidProducerEpoch;
        results[txn.transactional_id][{t.name, p.partition_index}] = e;
      }
    }
  }
  for (auto& [id, qs] : asking) {
    const PartitionErrors& got = results[id];
    for (Question* q : qs) {
      PartitionErrors errors;
      for (const auto& p : q->partitions) {
        auto it = got.find(p);
        // A partition the answer left out was not verified: retriable, never an append.
        errors[p] = it != got.end() ? it->second : ErrorCode::kNetworkException;
      }
      q->done(std::move(errors));
    }
  }
}

}  // namespace partita::broker
