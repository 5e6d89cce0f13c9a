// TxnVerifier: a partition leader's questions to transaction coordinators — Kafka's AddPartitionsToTxnManager
// (KIP-890 part 1). Before a leader appends a producer's first transactional batch on a partition it asks the
// producer's coordinator whether that partition is in the producer's ongoing transaction (AddPartitionsToTxn v5,
// verify_only). Questions queued while a round is out are sent together in the next one: one request per
// coordinator, one entry per transactional id (two questions of the same id and epoch are merged; of different
// epochs, the older is answered INVALID_PRODUCER_EPOCH — it is fenced anyway). The answer per partition is the
// coordinator's error (NONE: verified), NETWORK_EXCEPTION when the coordinator could not be asked, or
// COORDINATOR_NOT_AVAILABLE when none is known (no __transaction_state yet: no transaction can be ongoing).
// One sender thread; connections are cached per broker over the inter-broker listener.
// Thread safety: Verify and Stop are thread-safe; callbacks run on the sender thread (or in Verify, at once).
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/protocol/error_code.h"
#include "engine/transactions/txn_metadata.h"

namespace partita::security {
class TlsContext;
}
namespace partita::client {
class BrokerConnection;
}

namespace partita::broker {

class TxnVerifier {
 public:
  struct Options {
    int32_t broker_id = -1;
    int request_timeout_ms = 30000;
    std::shared_ptr<security::TlsContext> tls;
  };
  using PartitionErrors = std::map<transactions::TxnPartition, protocol::ErrorCode>;
  using Done = std::function<void(PartitionErrors)>;
  // The coordinator broker of a transactional id, or an error (COORDINATOR_NOT_AVAILABLE).
  using CoordinatorOf = std::function<protocol::ErrorCode(const std::string& transactional_id, int32_t* broker)>;
  using Endpoints = std::function<std::optional<std::pair<std::string, int>>(int32_t broker)>;

  TxnVerifier(Options options, CoordinatorOf coordinator_of, Endpoints endpoints);
  ~TxnVerifier();
  TxnVerifier(const TxnVerifier&) = delete;
  TxnVerifier& operator=(const TxnVerifier&) = delete;

  // Asks whether `partitions` are in producer (id, epoch)'s ongoing transaction `transactional_id`; `done` gets an
  // error per partition. After Stop, answers NETWORK_EXCEPTION at once.
  void Verify(const std::string& transactional_id, int64_t producer_id, int16_t producer_epoch,
              std::vector<transactions::TxnPartition> partitions, Done done);
  // Stops the thread; questions not yet answered get NETWORK_EXCEPTION. Idempotent.
  void Stop();

 private:
  struct Question {
    std::string transactional_id;
    int64_t producer_id = -1;
    int16_t producer_epoch = -1;
    std::vector<transactions::TxnPartition> partitions;
    Done done;
  };
  void Loop();
  // Asks one coordinator every question of a round addressed to it, and answers them.
  void AskCoordinator(int32_t coordinator, std::vector<Question>& questions);
  client::BrokerConnection* ConnectionTo(int32_t broker);

  const Options options_;
  const CoordinatorOf coordinator_of_;
  const Endpoints endpoints_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Question> queue_;  // guarded by mu_
  bool stopping_ = false;        // guarded by mu_
  std::map<int32_t, std::unique_ptr<client::BrokerConnection>> connections_;  // sender thread only
  std::thread thread_;
};

}  // namespace partita::broker
