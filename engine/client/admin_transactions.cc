// ClusterClient transaction admin (kafka-transactions.sh, KIP-664): ListTransactions on every broker,
// DescribeTransactions at the id's coordinator, DescribeProducers at a partition's leader, find-hanging as
// Kafka's TransactionsCommand does it, and abort as Admin.abortTransaction does (WriteTxnMarkers to the leader).
#include <algorithm>
#include <map>
#include <set>

#include "engine/client/cluster_client.h"
#include "engine/common/clock.h"
#include "engine/protocol/messages/describe_producers.h"
#include "engine/protocol/messages/describe_transactions.h"
#include "engine/protocol/messages/list_transactions.h"
#include "engine/protocol/messages/write_txn_markers.h"

namespace partita::client {

Result<std::vector<TransactionListing>> ClusterClient::ListTransactions(const std::vector<std::string>& states,
                                                                        const std::vector<int64_t>& producer_ids) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto md = RefreshMetadataLocked();
  if (!md.ok()) return md.status();
  protocol::ListTransactionsRequest req;
  req.state_filters = states;
  req.producer_id_filters = producer_ids;
  std::vector<TransactionListing> out;
  for (const auto& b : md->brokers) {
    const std::string where = DescribeBroker(b.id);
    auto conn = ConnectionTo(b.id);
    if (!conn.ok()) return conn.status();
    auto resp = (*conn)->Send<protocol::ListTransactionsRequest, protocol::ListTransactionsResponse>(req);
    if (!resp.ok()) return resp.status();
    PARTITA_RETURN_IF_ERROR(KafkaError(resp->error_code, "ListTransactions on " + where));
    for (const auto& t : resp->transaction_states) {
      out.push_back({t.transactional_id, b.id, t.producer_id, t.transaction_state});
    }
  }
  std::sort(out.begin(), out.end(), [](const TransactionListing& a, const TransactionListing& b) {
    return a.transactional_id < b.transactional_id;
  });
  return out;
}

Result<TransactionDescription> ClusterClient::DescribeTransaction(const std::string& transactional_id) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const CoordinatorKey key{CoordinatorType::kTransaction, transactional_id};
  protocol::DescribeTransactionsRequest req;
  req.transactional_ids = {transactional_id};
  // The coordinator moves or loads __transaction_state (created by the first FindCoordinator): ask again.
  int32_t coordinator = -1;
  auto resp = SendToCoordinator<protocol::DescribeTransactionsRequest, protocol::DescribeTransactionsResponse>(
      key, req,
      [](const protocol::DescribeTransactionsResponse& r) -> int16_t {
        return r.transaction_states.empty() ? 0 : r.transaction_states[0].error_code;
      },
      &coordinator);
  if (!resp.ok()) return resp.status();
  if (resp->transaction_states.empty()) {
    return Status::Corruption("DescribeTransactions answer from " + DescribeBroker(coordinator) + " is empty");
  }
  const auto& t = resp->transaction_states[0];
  PARTITA_RETURN_IF_ERROR(KafkaError(t.error_code, "DescribeTransactions of " + key.Label()));
  TransactionDescription d;
  d.transactional_id = t.transactional_id;
  d.coordinator = coordinator;
  d.state = t.transaction_state;
  d.producer_id = t.producer_id;
  d.producer_epoch = t.producer_epoch;
  d.timeout_ms = t.transaction_timeout_ms;
  d.start_time_ms = t.transaction_start_time_ms;
  for (const auto& topic : t.topics)
    for (int32_t p : topic.partitions) d.partitions.push_back({topic.topic, PartitionId(p)});
  std::sort(d.partitions.begin(), d.partitions.end());
  return d;
}

Result<std::vector<ProducerStateInfo>> ClusterClient::DescribeProducers(const TopicPartition& tp,
                                                                        std::optional<int32_t> broker) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto leader = broker ? Result<int32_t>(*broker) : LeaderOf(tp);
  if (!leader.ok()) return leader.status();
  const std::string where = DescribeBroker(*leader);
  auto conn = ConnectionTo(*leader);
  if (!conn.ok()) return conn.status();
  protocol::DescribeProducersRequest req;
  req.topics.push_back({tp.topic, {tp.partition.value}});
  auto resp = (*conn)->Send<protocol::DescribeProducersRequest, protocol::DescribeProducersResponse>(req);
  if (!resp.ok()) return resp.status();
  for (const auto& t : resp->topics) {
    if (t.name != tp.topic) continue;
    for (const auto& p : t.partitions) {
      if (p.partition_index != tp.partition.value) continue;
      PARTITA_RETURN_IF_ERROR(KafkaError(p.error_code, "DescribeProducers " + tp.DirName() + " on " + where,
                                         p.error_message));
      std::vector<ProducerStateInfo> out;
      for (const auto& s : p.active_producers) {
        out.push_back({s.producer_id, s.producer_epoch, s.last_sequence, s.last_timestamp, s.coordinator_epoch,
                       s.current_txn_start_offset});
      }
      return out;
    }
  }
  return Status::Corruption("DescribeProducers answer from " + where + " has no entry for " + tp.DirName());
}

Result<std::vector<HangingTransaction>> ClusterClient::FindHangingTransactions(
    const std::vector<TopicPartition>& partitions, int64_t max_age_ms) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  std::vector<TopicPartition> scope = partitions;
  if (scope.empty()) {
    auto md = RefreshMetadataLocked();
    if (!md.ok()) return md.status();
    for (const auto& t : md->topics)
      for (const auto& p : t.partitions) scope.push_back({t.name, PartitionId(p.partition)});
  }
  // Suspects: a transaction open on the partition whose producer has not written for longer than the timeout.
  const int64_t now = WallClockMs();
  std::vector<HangingTransaction> suspects;
  // One DescribeProducers per leader for all of its partitions in scope.
  std::map<int32_t, std::vector<TopicPartition>> by_leader;
  for (const auto& tp : scope) {
    auto leader = LeaderOf(tp);
    if (leader.ok()) by_leader[*leader].push_back(tp);  // a leaderless partition: nothing can be said now
  }
  for (const auto& [leader, tps] : by_leader) {
    protocol::DescribeProducersRequest req;
    std::map<std::string, size_t> topic_index;
    for (const auto& tp : tps) {
      auto [it, inserted] = topic_index.emplace(tp.topic, req.topics.size());
      if (inserted) req.topics.push_back({tp.topic, {}});
      req.topics[it->second].partition_indexes.push_back(tp.partition.value);
    }
    auto conn = ConnectionTo(leader);
    if (!conn.ok()) continue;
    auto resp = (*conn)->Send<protocol::DescribeProducersRequest, protocol::DescribeProducersResponse>(req);
    if (!resp.ok()) {
      if (resp.status().code() == Status::Code::kUnsupported) return resp.status();
      continue;
    }
    for (const auto& t : resp->topics)
      for (const auto& p : t.partitions) {
        if (p.error_code != 0) continue;
        for (const auto& s : p.active_producers) {
          if (s.current_txn_start_offset >= 0 && now - s.last_timestamp > max_age_ms) {
            suspects.push_back({{t.name, PartitionId(p.partition_index)},
                                {s.producer_id, s.producer_epoch, s.last_sequence, s.last_timestamp,
                                 s.coordinator_epoch, s.current_txn_start_offset}});
          }
        }
      }
  }
  if (suspects.empty()) return suspects;
  // A suspect is hanging unless its producer's transaction is ongoing with this partition at a coordinator.
  std::vector<int64_t> pids;
  for (const auto& s : suspects) pids.push_back(s.producer.producer_id);
  auto listed = ListTransactions({}, pids);
  if (!listed.ok()) return listed.status();
  std::set<std::pair<int64_t, TopicPartition>> ongoing;
  for (const auto& l : *listed) {
    auto d = DescribeTransaction(l.transactional_id);
    if (!d.ok() || d->state != "Ongoing") continue;
    for (const auto& tp : d->partitions) ongoing.insert({d->producer_id, tp});
  }
  std::vector<HangingTransaction> out;
  for (const auto& s : suspects) {
    if (!ongoing.count({s.producer.producer_id, s.tp})) out.push_back(s);
  }
  return out;
}

Status ClusterClient::AbortTransaction(const TopicPartition& tp, int64_t producer_id, int16_t producer_epoch,
                                       int32_t coordinator_epoch) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  auto leader = LeaderOf(tp);
  if (!leader.ok()) return leader.status();
  const std::string where = DescribeBroker(*leader);
  auto conn = ConnectionTo(*leader);
  if (!conn.ok()) return conn.status();
  protocol::WriteTxnMarkersRequest req;
  auto& m = req.markers.emplace_back();
  m.producer_id = producer_id;
  m.producer_epoch = producer_epoch;
  m.transaction_result = false;  // ABORT
  m.coordinator_epoch = std::max(0, coordinator_epoch);
  m.topics.push_back({tp.topic, {tp.partition.value}});
  auto resp = (*conn)->Send<protocol::WriteTxnMarkersRequest, protocol::WriteTxnMarkersResponse>(req);
  if (!resp.ok()) return resp.status();
  for (const auto& mr : resp->markers)
    for (const auto& t : mr.topics)
      for (const auto& p : t.partitions)
        PARTITA_RETURN_IF_ERROR(KafkaError(p.error_code, "WriteTxnMarkers (abort) " + t.name + "-" +
                                                             std::to_string(p.partition_index) + " on " + where));
  return Status::Ok();
}

}  // namespace partita::client
