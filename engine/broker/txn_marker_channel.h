// TxnMarkerChannel: the transaction coordinator's sender of WriteTxnMarkers requests — Kafka's
// TransactionMarkerChannelManager. Each job (one completed transaction) has markers to write on a set of
// partitions; the channel groups the partitions of all pending jobs by their current leader (cluster metadata),
// sends one WriteTxnMarkers per leader over the inter-broker listener (this broker included: the request
// takes the same path as from any coordinator), and retries what failed after a short backoff until every
// partition is written. A partition whose topic was deleted is dropped (nothing left to mark). A partition
// answering INVALID_PRODUCER_EPOCH or TRANSACTION_COORDINATOR_FENCED means a newer coordinator or producer epoch
// took over: the job is abandoned without completing (the newer coordinator finishes it), as Kafka does.
// One sender thread; connections are cached per broker and reopened after an error.
// Thread safety: Write and Stop are thread-safe. Ownership: owned by TransactionService; Stop before the broker.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/transactions/txn_ports.h"

namespace partita::security {
class TlsContext;
}
namespace partita::client {
class BrokerConnection;
}
namespace partita::coordination {
struct ClusterMetadata;
}

namespace partita::broker {

class TxnMarkerChannel : public transactions::TxnMarkerWriter {
 public:
  struct Options {
    int32_t broker_id = -1;
    int64_t retry_backoff_ms = 100;
    int request_timeout_ms = 40000;
    std::shared_ptr<security::TlsContext> tls;
  };
  using Endpoints = std::function<std::optional<std::pair<std::string, int>>(int32_t broker)>;
  using Metadata = std::function<std::shared_ptr<const coordination::ClusterMetadata>()>;

  TxnMarkerChannel(Options options, Endpoints endpoints, Metadata metadata);
  ~TxnMarkerChannel() override;
  TxnMarkerChannel(const TxnMarkerChannel&) = delete;
  TxnMarkerChannel& operator=(const TxnMarkerChannel&) = delete;

  void Write(const transactions::MarkerJob& job, std::function<void()> done) override;
  // Stops the thread; pending jobs are dropped without completing. Idempotent.
  void Stop();
  size_t PendingJobs() const;

 private:
  struct Job {
    transactions::MarkerJob job;
    std::set<transactions::TxnPartition> remaining;
    std::function<void()> done;
    bool abandoned = false;
  };
  void Loop();
  // One round: sends what is pending, returns the jobs that finished.
  void SendRound(std::vector<std::shared_ptr<Job>>& jobs);
  client::BrokerConnection* ConnectionTo(int32_t broker);

  const Options options_;
  const Endpoints endpoints_;
  const Metadata metadata_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<Job>> queue_;  // guarded by mu_: jobs added since the last round
  size_t in_flight_ = 0;                     // guarded by mu_
  bool stopping_ = false;
  std::map<int32_t, std::unique_ptr<client::BrokerConnection>> connections_;  // sender thread only
  std::thread thread_;
};

}  // namespace partita::broker
