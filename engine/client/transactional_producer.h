// TransactionalProducer: Kafka's transactional producer (KIP-98) over a ClusterClient's connections, the calls
// of KafkaProducer's initTransactions / beginTransaction / send / commitTransaction / abortTransaction:
//   InitTransactions   FindCoordinator (key type TRANSACTION), then InitProducerId(transactional_id,
//                      transaction_timeout_ms) at the coordinator: the producer id and a new epoch, which fences
//                      every older producer of the same transactional id and ends (aborts) its open transaction;
//   Send               the first time a partition joins the transaction, AddPartitionsToTxn (v0-3, the client's
//                      versions; v4+ are broker-to-broker, KIP-890), then Produce (acks=all) of one batch carrying
//                      the producer id, epoch, the partition's next sequence and the transactional flag;
//   Commit / Abort     EndTxn: the coordinator writes COMMIT / ABORT markers to every partition of the transaction.
// Coordinator moves and loads (NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE, COORDINATOR_LOAD_IN_PROGRESS) are
// retried through ClusterClient::SendToCoordinator; CONCURRENT_TRANSACTIONS (the previous transaction still
// completing) is retried with a pause, both within Options::retry_ms.
// Errors are Status values naming the call, the transactional id and the Kafka error. Fatal ones — PRODUCER_FENCED
// and INVALID_PRODUCER_EPOCH (a newer producer took the id), TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
// CLUSTER_AUTHORIZATION_FAILED, INVALID_TXN_STATE, UNSUPPORTED_VERSION, ... — leave the producer unusable: every
// later call returns the same Status, as Kafka's producer must be closed then. Any other failed Send or
// AddPartitionsToTxn makes the transaction abortable only: CommitTransaction refuses, AbortTransaction works.
// Sequences (KIP-98 idempotence) count per partition from 0 for each producer epoch and advance by the records
// of each batch acknowledged, across transactions.
// Thread safety: none; one thread at a time. Ownership: borrows the client, which must outlive the producer.
// Blocking: every call waits for its answers (ClusterClient's timeouts); call it from a worker thread.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/client/client_types.h"
#include "engine/common/status.h"
#include "engine/common/types.h"
#include "engine/protocol/compression.h"

namespace partita::client {

class ClusterClient;

class TransactionalProducer {
 public:
  struct Options {
    std::string transactional_id;
    int32_t transaction_timeout_ms = 60000;  // Kafka's transaction.timeout.ms default
    protocol::Compression compression = protocol::Compression::kNone;
    // How long CONCURRENT_TRANSACTIONS (and coordinator moves, ClientOptions::coordinator_retry_ms) is retried.
    int retry_ms = 30000;
  };

  // InvalidArgument when the transactional id is empty or the timeout not positive (nothing is sent).
  static Result<TransactionalProducer> Create(ClusterClient* client, Options options);

  // Gets the producer id and epoch; must come first, once. Fences older producers of the same id.
  Status InitTransactions();
  Status BeginTransaction();
  // Produces the records as one batch to tp inside the open transaction (adding tp to it first if new).
  Result<ProduceResult> Send(const TopicPartition& tp, const std::vector<ProduceRecord>& records);
  // Ends the open transaction; afterwards BeginTransaction may open the next one.
  Status CommitTransaction();
  Status AbortTransaction();

  int64_t producer_id() const { return producer_id_; }
  int16_t producer_epoch() const { return producer_epoch_; }
  bool in_transaction() const { return state_ == State::kInTransaction || state_ == State::kAbortable; }

 private:
  enum class State { kUninitialized, kReady, kInTransaction, kAbortable, kFatal };

  TransactionalProducer(ClusterClient* client, Options options) : client_(client), options_(std::move(options)) {}
  Status AddPartition(const TopicPartition& tp);
  Status EndTransaction(bool commit);
  // Records a failed call: fatal errors poison the producer, others make an open transaction abortable.
  Status Fail(int16_t error_code, Status status);
  Status CheckState(State wanted, const char* call) const;
  std::string Label() const;

  ClusterClient* client_;
  Options options_;
  State state_ = State::kUninitialized;
  Status fatal_;
  int64_t producer_id_ = -1;
  int16_t producer_epoch_ = -1;
  std::set<TopicPartition> partitions_in_txn_;
  std::map<TopicPartition, int32_t> next_sequence_;
};

}  // namespace partita::client
