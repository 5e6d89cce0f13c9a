// The broker side of __consumer_offsets persistence for one partition this broker leads:
// - OffsetsLogStore implements group::GroupStore by appending records (group_records.h encodings) to the
//   partition as its leader, replicated like any produce with acks=all; the caller of an operation that must
//   be durable (OffsetCommit) then waits until the high watermark passes the log end (GroupService).
// - LoadOffsetsPartition replays the partition's log (log start to log end) into a coordinator: the last
//   record per key wins, tombstones delete, and the surviving state is handed to LoadOffset/LoadGroup.
// Thread safety: the store is thread-safe (Partition appends serialize themselves); loading runs on one
// thread before the coordinator serves requests.
#pragma once

#include <optional>

#include <functional>
#include <memory>

#include "engine/broker/partition.h"
#include "engine/common/status.h"
#include "engine/group/group_coordinator.h"
#include "engine/group/pending_txn_offsets.h"

namespace partita::broker {

class OffsetsLogStore : public group::GroupStore {
 public:
  // on_appended runs after each append (the broker wakes the followers' parked fetches, so a commit
  // replicates at once instead of after replica.fetch.wait.max.ms).
  OffsetsLogStore(std::shared_ptr<Partition> partition, std::function<void()> on_appended)
      : partition_(std::move(partition)), on_appended_(std::move(on_appended)) {}

  void OnOffsetsCommitted(const std::string& group_id, const std::vector<group::OffsetCommitRecord>& offsets) override;
  void OnOffsetsDeleted(const std::string& group_id, const std::vector<group::TopicPartitionKey>& partitions) override;
  void OnGroupMetadataChanged(const group::GroupMetadataSnapshot& group) override;
  void OnGroupDeleted(const std::string& group_id) override;

 private:
  struct Entry {
    std::vector<uint8_t> key;
    std::optional<std::vector<uint8_t>> value;  // nullopt: tombstone
  };
  void Append(const std::vector<Entry>& entries);

  const std::shared_ptr<Partition> partition_;
  const std::function<void()> on_appended_;
};

// TxnOffsetCommit: appends the offsets as the producer's transactional batch (Kafka's AppendOrigin.COORDINATOR:
// epoch-fenced, no sequence numbers), acks=all. The caller keeps them pending until the marker lands.
// txn_verification: as Partition::AppendAsLeader (KIP-890; nullopt when verification is off).
PartitionAppend AppendTxnOffsets(Partition& partition, const std::string& group_id, int64_t producer_id,
                                 int16_t producer_epoch, const std::vector<group::OffsetCommitRecord>& offsets,
                                 std::optional<uint64_t> txn_verification = std::nullopt);

// Replays `partition`'s log into `coordinator`. Corrupt or undecodable records are skipped with a warning
// (a bad record must not make the group unavailable); I/O errors are returned. Transactional offset commits
// count once their COMMIT marker follows, are dropped by an ABORT, and those still open go to `pending`.
Status LoadOffsetsPartition(const Partition& partition, group::GroupCoordinator& coordinator,
                            group::PendingTxnOffsets* pending);

}  // namespace partita::broker
