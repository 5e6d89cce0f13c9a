// TransactionalProducer (KIP-98): InitProducerId, AddPartitionsToTxn, transactional Produce and EndTxn at the
// transactional id's coordinator, as Kafka's TransactionManager sends them.
#include "engine/client/transactional_producer.h"

#include <functional>
#include <limits>

#include "engine/client/cluster_client.h"
#include "engine/client/retry_backoff.h"
#include "engine/protocol/messages/add_partitions_to_txn.h"
#include "engine/protocol/messages/end_txn.h"
#include "engine/protocol/messages/init_producer_id.h"

namespace partita::client {

using protocol::ErrorCode;

namespace {

// The last AddPartitionsToTxn version a client sends: v4+ batch several transactions and are the brokers' own
// verification requests (KIP-890).
constexpr int16_t kLastClientAddPartitionsVersion = 3;

// Errors after which Kafka's producer can only be closed (TransactionManager's fatal errors).
bool IsFatal(int16_t code) {
  switch (static_cast<ErrorCode>(code)) {
    case ErrorCode::kProducerFenced:
    case ErrorCode::kInvalidProducerEpoch:
    case ErrorCode::kTransactionalIdAuthorizationFailed:
    case ErrorCode::kClusterAuthorizationFailed:
    case ErrorCode::kInvalidTxnState:
    case ErrorCode::kInvalidTransactionTimeout:
    case ErrorCode::kUnsupportedVersion:
    case ErrorCode::kUnsupportedForMessageFormat:
      return true;
    default:
      return false;
  }
}

// Sends req to the transactional id's coordinator (ClusterClient::SendToCoordinator: its moves and loads are
// retried there) and, while the answer's error_of is CONCURRENT_TRANSACTIONS — the id's previous transaction
// still completing, or after a fence being aborted — sends it again after a pause, up to retry_ms. The last answer
// comes back whatever its error; *coordinator is the broker that gave it.
template <class Req, class Resp>
Result<Resp> SendAtCoordinator(ClusterClient* client, const std::string& transactional_id, const Req& req,
                               const std::function<int16_t(const Resp&)>& error_of, int retry_ms, int32_t* coordinator,
                               int16_t max_version = kPickVersion) {
  const CoordinatorKey key{CoordinatorType::kTransaction, transactional_id};
  RetryBackoff backoff(retry_ms);
  for (;;) {
    auto resp = client->SendToCoordinator<Req, Resp>(key, req, error_of, coordinator, max_version);
    if (!resp.ok() || error_of(*resp) != static_cast<int16_t>(ErrorCode::kConcurrentTransactions) ||
        backoff.Exhausted()) {
      return resp;
    }
    backoff.Pause();
  }
}

}  // namespace

Result<TransactionalProducer> TransactionalProducer::Create(ClusterClient* client, Options options) {
  if (options.transactional_id.empty()) {
    return Status::InvalidArgument("a transactional producer needs a transactional id");
  }
  if (options.transaction_timeout_ms <= 0) {
    return Status::InvalidArgument("transaction.timeout.ms must be positive, not " +
                                   std::to_string(options.transaction_timeout_ms));
  }
  return TransactionalProducer(client, std::move(options));
}

std::string TransactionalProducer::Label() const { return "transactional id '" + options_.transactional_id + "'"; }

Status TransactionalProducer::CheckState(State wanted, const char* call) const {
  if (state_ == State::kFatal) return fatal_;
  if (state_ == wanted) return Status::Ok();
  const char* why = "";
  switch (state_) {
    case State::kUninitialized: why = "InitTransactions has not succeeded yet"; break;
    case State::kReady: why = "no transaction is open (BeginTransaction first)"; break;
    case State::kInTransaction: why = "a transaction is open"; break;
    case State::kAbortable: why = "the open transaction failed and can only be aborted"; break;
    case State::kFatal: break;
  }
  return Status::InvalidArgument(std::string(call) + " for " + Label() + ": " + why);
}

Status TransactionalProducer::Fail(int16_t error_code, Status status) {
  if (IsFatal(error_code)) {
    state_ = State::kFatal;
    fatal_ = status;
  } else if (state_ == State::kInTransaction) {
    state_ = State::kAbortable;
  }
  return status;
}

Status TransactionalProducer::InitTransactions() {
  PARTITA_RETURN_IF_ERROR(CheckState(State::kUninitialized, "InitTransactions"));
  const protocol::InitProducerIdRequest req{.transactional_id = options_.transactional_id,
                                            .transaction_timeout_ms = options_.transaction_timeout_ms};
  int32_t coordinator = -1;
  auto resp = SendAtCoordinator<protocol::InitProducerIdRequest, protocol::InitProducerIdResponse>(
      client_, options_.transactional_id, req, [](const protocol::InitProducerIdResponse& r) { return r.error_code; },
      options_.retry_ms, &coordinator);
  if (!resp.ok()) return resp.status();
  if (resp->error_code != 0) {
    return Fail(resp->error_code, KafkaError(resp->error_code, "InitProducerId for " + Label() + " on " +
                                                                   client_->DescribeBroker(coordinator)));
  }
  producer_id_ = resp->producer_id;
  producer_epoch_ = resp->producer_epoch;
  next_sequence_.clear();  // sequences start over with every epoch
  state_ = State::kReady;
  return Status::Ok();
}

Status TransactionalProducer::BeginTransaction() {
  PARTITA_RETURN_IF_ERROR(CheckState(State::kReady, "BeginTransaction"));
  // Nothing goes to the coordinator: the transaction starts with the first AddPartitionsToTxn (KIP-98).
  partitions_in_txn_.clear();
  state_ = State::kInTransaction;
  return Status::Ok();
}

Status TransactionalProducer::AddPartition(const TopicPartition& tp) {
  if (partitions_in_txn_.count(tp)) return Status::Ok();
  const protocol::AddPartitionsToTxnRequest req{.transactional_id = options_.transactional_id,
                                          .producer_id = producer_id_,
                                          .producer_epoch = producer_epoch_,
                                          .topics = {{.name = tp.topic, .partitions = {tp.partition.value}}}};
  // The partition's error; the top-level error_code is v4+ only.
  const std::function<int16_t(const protocol::AddPartitionsToTxnResponse&)> error_of =
      [&tp](const protocol::AddPartitionsToTxnResponse& r) -> int16_t {
    for (const auto& t : r.results) {
      if (t.name != tp.topic) continue;
      for (const auto& p : t.results) {
        if (p.partition_index == tp.partition.value) return p.partition_error_code;
      }
    }
    return 0;
  };
  int32_t coordinator = -1;
  auto resp = SendAtCoordinator(client_, options_.transactional_id, req, error_of, options_.retry_ms, &coordinator,
                                kLastClientAddPartitionsVersion);
  if (!resp.ok()) return Fail(0, resp.status());
  const std::string where = "AddPartitionsToTxn " + tp.DirName() + " for " + Label() + " on " +
                            client_->DescribeBroker(coordinator);
  if (const int16_t error = error_of(*resp); error != 0) return Fail(error, KafkaError(error, where));
  bool answered = false;
  for (const auto& t : resp->results) answered |= t.name == tp.topic && !t.results.empty();
  if (!answered) return Fail(0, Status::Corruption(where + ": the answer has no entry for the partition"));
  partitions_in_txn_.insert(tp);
  return Status::Ok();
}

Result<ProduceResult> TransactionalProducer::Send(const TopicPartition& tp, const std::vector<ProduceRecord>& records) {
  PARTITA_RETURN_IF_ERROR(CheckState(State::kInTransaction, "Send"));
  if (records.empty()) return Status::InvalidArgument("nothing to produce");
  PARTITA_RETURN_IF_ERROR(AddPartition(tp));
  int32_t& sequence = next_sequence_[tp];
  const ProducerBatchIdentity identity{.producer_id = producer_id_,
                                       .producer_epoch = producer_epoch_,
                                       .base_sequence = sequence,
                                       .transactional = true,
                                       .transactional_id = options_.transactional_id};
  // acks=all: a transactional producer is idempotent, and idempotence needs every in-sync replica's ack.
  int16_t error = 0;
  auto result = client_->Produce(tp, records, -1, options_.compression, identity, &error);
  if (!result.ok()) return Fail(error, result.status());
  // Sequences wrap at INT32_MAX to 0, as Kafka's DefaultRecordBatch.incrementSequence.
  const int64_t next = static_cast<int64_t>(sequence) + static_cast<int64_t>(records.size());
  sequence = static_cast<int32_t>(next % (static_cast<int64_t>(std::numeric_limits<int32_t>::max()) + 1));
  return result;
}

Status TransactionalProducer::CommitTransaction() {
  PARTITA_RETURN_IF_ERROR(CheckState(State::kInTransaction, "CommitTransaction"));
  return EndTransaction(true);
}

Status TransactionalProducer::AbortTransaction() {
  if (state_ == State::kAbortable) state_ = State::kInTransaction;
  PARTITA_RETURN_IF_ERROR(CheckState(State::kInTransaction, "AbortTransaction"));
  return EndTransaction(false);
}

Status TransactionalProducer::EndTransaction(bool commit) {
  if (partitions_in_txn_.empty()) {  // nothing was sent: the coordinator never heard of this transaction
    state_ = State::kReady;
    return Status::Ok();
  }
  const protocol::EndTxnRequest req{.transactional_id = options_.transactional_id,
                                    .producer_id = producer_id_,
                                    .producer_epoch = producer_epoch_,
                                    .committed = commit};
  int32_t coordinator = -1;
  auto resp = SendAtCoordinator<protocol::EndTxnRequest, protocol::EndTxnResponse>(
      client_, options_.transactional_id, req, [](const protocol::EndTxnResponse& r) { return r.error_code; },
      options_.retry_ms, &coordinator);
  if (!resp.ok()) return Fail(0, resp.status());
  if (resp->error_code != 0) {
    const std::string call = commit ? "EndTxn (commit)" : "EndTxn (abort)";
    return Fail(resp->error_code,
                KafkaError(resp->error_code, call + " for " + Label() + " on " + client_->DescribeBroker(coordinator)));
  }
  partitions_in_txn_.clear();
  state_ = State::kReady;
  return Status::Ok();
}

}  // namespace partita::client
